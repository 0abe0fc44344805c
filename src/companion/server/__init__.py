"""What the two front ends of the server share: error bodies and handlers, limits, request logs,
upload reading and the FastAPI dependencies. `api/` and `web/` import from here, never from
each other; `companion.app` puts them side by side."""
