"""End to end in a real browser: Debian's chromium (headless) driven by Playwright against a
server the test starts itself — upload a PDF, wait until it is processed, see the highlighted
tasks, correct a deadline in the table, find the correction in /v1/tasks and in the ICS feed;
add a task the extractor missed (its evidence selected in the text) and find it in /v1/tasks;
the API docs render with every request outside the server refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from apitest import live_server, tag
from icalendar import Calendar
from service_notices import notice_pdf

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = pytest.mark.slow
# Select [start, end) of the document text in #doc-text as a reader would with the mouse: the
# badges ("NV 1", "CQ", "HẠN") are in the page but not in the text the offsets count.
SELECT_TEXT = """([start, end]) => {
  const root = document.getElementById("doc-text");
  const nodes = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement.closest(".badge")) nodes.push(n);
  }
  const at = (pos) => {
    let seen = 0;
    for (const n of nodes) {
      if (pos <= seen + n.length) return [n, pos - seen];
      seen += n.length;
    }
  };
  const range = document.createRange();
  range.setStart(...at(start));
  range.setEnd(...at(end));
  window.getSelection().removeAllRanges();
  window.getSelection().addRange(range);
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api")
    with live_server(tmp_path_factory.mktemp("browser")) as base:
        yield base


def test_upload_review_correct_and_feeds(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    pdf = tmp_path / "thong-bao-ket-luan.pdf"
    pdf.write_bytes(notice_pdf(tag()))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(server + "/")
            expect(page.get_by_text("Tải văn bản lên")).to_be_visible()
            page.set_input_files("#file-input", str(pdf))
            row = page.locator("#documents tr", has_text=pdf.name)
            expect(row.locator(".status-done")).to_be_visible(timeout=90_000)
            row.locator("a").click()

            tasks = page.locator("#doc-text .hl-task")
            expect(tasks.first).to_be_visible()
            rows = page.locator("#task-table tr.task-row")
            # Every task in the table is highlighted in the text, with its bodies and dates.
            assert rows.count() >= 1
            assert page.locator("#doc-text .badge-task").count() == rows.count()
            assert page.locator("#doc-text .hl-body").count() >= 1
            assert page.locator("#doc-text .hl-deadline").count() >= 1

            first = page.locator("#task-table tr.task-row").first
            task_id = first.get_attribute("data-id")
            assert task_id
            first.locator('select[name="dtype"]').select_option("by")
            first.locator('input[name="date"]').fill("2026-12-15")
            first.locator("button.save").click()
            # The page reloads after a successful save and marks the row as corrected.
            expect(page.locator(f'[id="row-{task_id}"] .corrected')).to_be_visible()
            saved = page.locator(f'[id="row-{task_id}"] input[name="date"]')
            expect(saved).to_have_value("2026-12-15")

            # A task the extractor missed: select its words in the text, fill in the form.
            doc_id = page.locator("#doc").get_attribute("data-id")
            text = httpx.get(f"{server}/v1/documents/{doc_id}").json()["result"]["text"]
            start = text.index("tổ chức cuộc họp")
            end = text.index("dự án", start) + len("dự án")
            page.get_by_text("Thêm nhiệm vụ", exact=True).click()
            page.evaluate(SELECT_TEXT, [start, end])
            form = page.locator("#add-task-form")
            form.get_by_role("button", name="Lấy đoạn đang chọn").click()
            expect(form.locator('textarea[name="text"]')).to_have_value(text[start:end].strip())
            expect(page.locator("#span-info")).to_contain_text(f"{start}–{end}")
            form.locator('input[name="lead"]').fill("Sở Kế hoạch và Đầu tư")
            form.locator('input[name="support"]').fill("Sở Tài chính; Sở Xây dựng")
            form.locator('select[name="dtype"]').select_option("before")
            form.locator('input[name="date"]').fill("2026-12-20")
            form.locator('input[name="raw"]').fill("trước ngày 20/12/2026")
            count = rows.count()
            form.get_by_role("button", name="Thêm", exact=True).click()
            # The page reloads with the new row last, marked as added, and highlighted.
            expect(page.locator("#task-table tr.task-row")).to_have_count(count + 1)
            added = page.locator("#task-table tr.task-row").last
            expect(added.locator(".added")).to_be_visible()
            added_id = added.get_attribute("data-id")
            assert added_id
            expect(page.locator(f'#doc-text [data-task="{added_id}"]').first).to_be_visible()
            assert errors == []
        finally:
            browser.close()

    task = httpx.get(f"{server}/v1/tasks/{task_id}").json()
    assert task["due_date"] == "2026-12-15" and task["deadline"]["type"] == "by"
    assert [c["field"] for c in task["corrections"]] == ["deadline"]
    listed = httpx.get(f"{server}/v1/tasks", params={"due_after": "2026-12-15"}).json()
    assert task_id in {t["id"] for t in listed["items"]}
    cal = Calendar.from_ical(httpx.get(f"{server}/v1/tasks.ics").content)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    event = events[f"{task_id}@nlp-service"]
    assert event.decoded("DTSTART").isoformat() == "2026-12-15"
    assert event.decoded("SEQUENCE") == 1

    (mine,) = httpx.get(f"{server}/v1/tasks", params={"origin": "reviewer"}).json()["items"]
    assert mine["id"] == added_id and mine["span"] == [start, end] and mine["created_by"]
    assert mine["text"] == text[start:end].strip() and mine["due_date"] == "2026-12-20"
    assert mine["deadline"] == {
        "type": "before",
        "date": "2026-12-20",
        "raw": "trước ngày 20/12/2026",
    }
    assert [(a["name"], a["role"]) for a in mine["assignees"]] == [
        ("Sở Kế hoạch và Đầu tư", "lead"),
        ("Sở Tài chính", "support"),
        ("Sở Xây dựng", "support"),
    ]
    by_body = httpx.get(f"{server}/v1/tasks", params={"assignee": "kế hoạch và đầu tư"}).json()
    assert added_id in {t["id"] for t in by_body["items"]}


@pytest.mark.parametrize(("path", "item"), [("/docs", ".opblock"), ("/redoc", "li[data-item-id]")])
def test_api_docs_render_with_the_network_cut(server: str, path: str, item: str) -> None:
    from playwright.sync_api import Route, expect, sync_playwright

    operations = sum(
        len(ops) for ops in httpx.get(f"{server}/openapi.json").json()["paths"].values()
    )
    outside: list[str] = []

    def only_the_server(route: Route) -> None:
        if route.request.url.startswith(server + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("internetdisconnected")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.route("**/*", only_the_server)
            page.goto(server + path)
            expect(page.locator(item).first).to_be_visible(timeout=30_000)
            if path == "/docs":
                expect(page.locator(item)).to_have_count(operations)
            else:
                expect(page.get_by_text("Upload Documents", exact=True).first).to_be_attached()
            assert errors == [] and outside == []
        finally:
            browser.close()
