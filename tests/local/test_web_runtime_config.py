"""The static SPA server tells the SPA where the API is, from the port the stack runs it on."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

from local.web import StaticSite
from tests.support.stack import free_port


def fetch(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Type"], response.read().decode()


def test_env_js_names_the_api_on_a_non_default_port(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<script src="/env.js"></script><div id="root"></div>')
    (tmp_path / "env.js").write_text("window.__APP_CONFIG__ = {};")  # the build's default
    api_port, web_port = free_port(), free_port()
    site = StaticSite(tmp_path, port=web_port, api_url=f"http://127.0.0.1:{api_port}")
    site.start()
    try:
        content_type, script = fetch(f"http://127.0.0.1:{web_port}/env.js?v=1")
        _, page = fetch(f"http://127.0.0.1:{web_port}/history")  # a client-side route
    finally:
        site.stop()
    assert content_type.startswith("text/javascript")
    match = re.fullmatch(r"window\.__APP_CONFIG__ = (\{.*\});\n", script)
    assert match, script
    assert json.loads(match.group(1)) == {"apiUrl": f"http://127.0.0.1:{api_port}"}
    assert 'src="/env.js"' in page


def test_without_an_api_url_the_spa_uses_its_own_origin(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<div id='root'></div>")
    port = free_port()
    site = StaticSite(tmp_path, port=port)
    site.start()
    try:
        _, script = fetch(f"http://127.0.0.1:{port}/env.js")
    finally:
        site.stop()
    assert script == "window.__APP_CONFIG__ = {};\n"


def test_the_built_spa_loads_env_js_before_the_app() -> None:
    root = Path(__file__).resolve().parents[2] / "frontend"
    html = (root / "index.html").read_text()
    assert html.index('src="/env.js"') < html.index('type="module"')
    assert (root / "public" / "env.js").exists()
    sources = "\n".join(p.read_text() for p in (root / "src").rglob("*.ts*"))
    assert "127.0.0.1:8000" not in sources
