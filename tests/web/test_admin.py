"""The admin's pages: importing a survey export and the themes dashboard."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import unquote

from fastapi.testclient import TestClient

from tests.conftest import REPO_ROOT
from tests.web.conftest import WebApp, sign_in, wait_for_themes

SURVEY = REPO_ROOT / "examples" / "feedback" / "survey-export.csv"


def test_import_reports_rejected_rows_then_the_dashboard_shows_themes(
    client: TestClient, web_app: WebApp
) -> None:
    csrf = sign_in(client, web_app.keys["admin"])
    assert client.get("/admin/import").status_code == 200
    with SURVEY.open("rb") as file:
        response = client.post(
            "/admin/import", data={"csrf": csrf}, files={"file": ("survey-export.csv", file)}
        )
    assert response.status_code == 200
    page = response.text
    assert re.search(r'id="imported">\d+<', page)
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]+)</td></tr>", page)
    assert [line for line, _ in rows] == ["46", "47", "48"]
    assert (
        "rating" in rows[0][1] and "empty" in rows[1][1] and "not a date" in rows[2][1].replace("&#39;", "'")
    )
    again = client.post(
        "/admin/import", data={"csrf": csrf}, files={"file": ("survey-export.csv", SURVEY.read_bytes())}
    )
    assert 'id="imported">0<' in again.text and 'id="duplicates">0<' not in again.text

    assert 'id="job"' in response.text  # the new answers are read for the themes in the background
    page = wait_for_themes(client)
    bars = re.findall(r'<li class="bar" data-count="(\d+)" data-sentiment="(positive|mixed|negative)">', page)
    assert len(bars) >= 2
    total = int(re.search(r"<dt>Feedback entries</dt><dd>(\d+)</dd>", page).group(1))
    assert sum(int(count) for count, _ in bars) == total
    months = re.findall(r'<g class="month" data-count="(\d+)">', page)
    assert months and sum(int(count) for count in months) == total
    assert "<blockquote>" in page and "Recommendation:" in page
    assert 'id="kpi-changes"' in page and "against the month before" in page
    assert "mentoring-help@example.com" not in page  # quotes are redacted
    for link in set(re.findall(r'class="cite" href="(/passages/[^"]+)"', page)):
        assert client.get(link).status_code == 200


def test_a_file_that_cannot_be_read_is_an_error_by_the_field(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["admin"])
    response = client.post(
        "/admin/import", data={"csrf": csrf}, files={"file": ("notes.csv", b"name,age\nann,3\n")}
    )
    assert response.status_code == 400
    assert 'id="file-error">notes.csv: no column holds the feedback text' in response.text
    missing = client.post("/admin/import", data={"csrf": csrf})
    assert missing.status_code == 422 and "Choose a CSV or JSONL file." in missing.text
    binary = client.post("/admin/import", data={"csrf": csrf}, files={"file": ("x.csv", b"\xff\xfe\x00")})
    assert binary.status_code == 400 and "not UTF-8" in binary.text


def test_a_chunked_upload_over_the_limit_is_a_413_page_not_a_500(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["admin"])
    boundary = "companion-web-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
            "Content-Type: text/csv\r\n\r\nComments\n"
        ).encode()
        + b"a long answer\n" * (web_app.settings.max_body_bytes // 10)
        + f"\r\n--{boundary}--\r\n".encode()
    )

    def chunks():  # no Content-Length: only the bytes tell the size
        for start in range(0, len(body), 65_536):
            yield body[start : start + 65_536]

    headers = {"content-type": f"multipart/form-data; boundary={boundary}"}
    response = client.post("/admin/import", content=chunks(), headers=headers)
    assert response.status_code == 413


def test_the_organisation_page_says_the_contacts_are_not_set(client: TestClient, web_app: WebApp) -> None:
    sign_in(client, web_app.keys["admin"])
    page = client.get("/admin/organisation")
    assert page.status_code == 200
    assert 'id="contacts-not-set"' in page.text and "No local articles" in page.text


def test_an_admin_drills_into_a_theme_filters_it_and_downloads_it(
    client: TestClient, web_app: WebApp
) -> None:
    csrf = sign_in(client, web_app.keys["admin"])
    client.post(
        "/admin/import", data={"csrf": csrf}, files={"file": ("survey-export.csv", SURVEY.read_bytes())}
    )
    themes = wait_for_themes(client)
    first = re.search(r'<h3 id="theme-1"><a href="/admin/themes/1">([^<]+)</a>', themes).group(1)
    page = client.get("/admin/themes/1")
    assert page.status_code == 200 and f"<h1>{first}</h1>" in page.text
    total = int(re.search(r'id="entry-count">(\d+) entr', page.text).group(1))
    months = re.findall(r'<option value="(\d{4}-\d{2})"', page.text)
    assert total > 1 and months
    narrowed = client.get(f"/admin/themes/1?month={months[-1]}")
    count = int(re.search(r'id="entry-count">(\d+) entr', narrowed.text).group(1))
    assert 0 < count < total and f"of {total} match" in narrowed.text  # the example spans two months
    download = client.get(f"/admin/themes/1/entries.csv?month={months[-1]}")
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(download.text)))) == count + 1  # answers may hold line breaks
    assert client.get("/admin/themes/99").status_code == 404
    sign_in(client, web_app.keys["mentor"])
    assert client.get("/admin/themes/1").status_code == 403


def test_an_admin_renames_merges_and_undoes_themes_from_the_dashboard(
    client: TestClient, web_app: WebApp
) -> None:
    csrf = sign_in(client, web_app.keys["admin"])
    client.post(
        "/admin/import", data={"csrf": csrf}, files={"file": ("survey-export.csv", SURVEY.read_bytes())}
    )
    page = wait_for_themes(client)
    labels = re.findall(r'<h3 id="theme-\d+"><a href="/admin/themes/\d+">([^<]+)</a>', page)
    assert len(labels) >= 2 and 'id="merge-form"' in page
    empty = client.post(
        "/admin/themes/1/rename", data={"csrf": csrf, "name": " ", "current_label": labels[0]}
    )
    assert empty.status_code == 422 and 'id="choice-error"' in empty.text  # said on the page, nothing stored
    renamed = client.post(
        "/admin/themes/1/rename", data={"csrf": csrf, "name": "Time and diaries", "current_label": labels[0]}
    )
    assert renamed.status_code == 303
    page = client.get(renamed.headers["location"]).text
    assert 'id="choice-done">Theme renamed.' in page
    assert '<a href="/admin/themes/1">Time and diaries</a>' in page
    assert (
        "the companion called it" in page
        and f"Renamed “{labels[0]}” to “Time and diaries”" in page.replace("&#34;", '"')
    )
    no_csrf = client.post("/admin/themes/merge", data={"first": "1", "second": "2"})
    assert no_csrf.status_code in (400, 403)
    merged = client.post("/admin/themes/merge", data={"csrf": csrf, "first": "1", "second": "2", "name": ""})
    assert merged.status_code == 303
    page = client.get("/admin/themes").text
    assert len(re.findall(r'<h3 id="theme-\d+">', page)) == len(labels) - 1
    for choice_id in re.findall(r'action="/admin/themes/choices/(\d+)/undo"', page):
        assert client.post(f"/admin/themes/choices/{choice_id}/undo", data={"csrf": csrf}).status_code == 303
    page = client.get("/admin/themes").text
    assert re.findall(r'<h3 id="theme-\d+"><a href="/admin/themes/\d+">([^<]+)</a>', page) == labels
    assert "undone" in page
    sign_in(client, web_app.keys["mentor"])
    assert client.post("/admin/themes/1/rename", data={"csrf": csrf, "name": "Mine"}).status_code == 403


def test_rejected_rows_download_as_csv_from_the_import_page(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["admin"])
    response = client.post(
        "/admin/import", data={"csrf": csrf}, files={"file": ("survey-export.csv", SURVEY.read_bytes())}
    )
    link = re.search(
        r'id="rejected-csv" download="rejected-survey-export.csv" href="data:text/csv;charset=utf-8,([^"]+)"',
        response.text,
    )
    assert link, "no download link for the rejected rows"
    rows = list(csv.reader(io.StringIO(unquote(link.group(1)))))
    assert rows[0] == ["line", "response_id", "reason", "text"]
    assert [row[0] for row in rows[1:]] == ["46", "47", "48"]
    assert "rating" in rows[1][2]


def test_an_admin_imports_sessions_from_the_import_page(client: TestClient, web_app: WebApp) -> None:
    csrf = sign_in(client, web_app.keys["admin"])
    meetings = b"pair,date,topic,minutes\npair-web-1,2026-11-02,AI tools,45\npair-web-1,someday,AI,45\n"
    response = client.post(
        "/admin/import/sessions", data={"csrf": csrf}, files={"file": ("meetings.csv", meetings)}
    )
    assert response.status_code == 200
    assert 'id="sessions-result" role="status">meetings.csv: 1 recorded, 0 already recorded, 1 rejected.' in (
        response.text
    )
    assert "Line 3:" in response.text
    empty = client.post("/admin/import/sessions", data={"csrf": csrf})
    assert empty.status_code == 422 and 'id="sessions_file-error"' in empty.text
    unreadable = client.post(
        "/admin/import/sessions", data={"csrf": csrf}, files={"file": ("m.csv", b"who\nme\n")}
    )
    assert unreadable.status_code == 400 and "pair, date and topic" in unreadable.text
