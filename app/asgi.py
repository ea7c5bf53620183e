"""`app.asgi:app` for any ASGI server (uvicorn, granian, hypercorn)."""

from app.factory import create_app

app = create_app()
