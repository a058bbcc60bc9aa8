// nlp-service web UI: uploads, live status, task corrections — all through the /v1 API.
// No inline scripts (the CSP forbids them); every text from the server is set with textContent.
"use strict";

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

async function api(method, url, body) {
  const headers = { "X-CSRF-Token": csrf };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  if (response.status !== 204) {
    try { data = await response.json(); } catch (_) { data = null; }
  }
  if (!response.ok) {
    const message = data && data.error ? data.error.message : "HTTP " + response.status;
    throw new Error(message);
  }
  return data;
}

// ---------------------------------------------------------------- upload (documents page)

const STATUS = { queued: "Chờ xử lý", processing: "Đang xử lý", done: "Đã xong", failed: "Lỗi" };

function uploadFile(file) {
  const list = document.getElementById("upload-list");
  const item = document.createElement("li");
  const name = document.createElement("span");
  name.textContent = file.name;
  const bar = document.createElement("progress");
  bar.max = 100; bar.value = 0;
  const note = document.createElement("span");
  note.className = "message";
  item.append(name, bar, note);
  list.prepend(item);
  return new Promise((resolve) => {
    const form = new FormData();
    form.append("files", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/v1/documents");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; };
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch (_) { data = null; }
      if (xhr.status === 200 || xhr.status === 202) {
        bar.value = 100;
        const doc = data.documents[0];
        note.textContent = doc.duplicate ? "Đã có (trùng tệp)" : "Đã nhận — " + STATUS[doc.status];
        item.dataset.id = doc.id;
      } else {
        item.classList.add("failed");
        note.textContent = "Lỗi: " + (data && data.error ? data.error.message : xhr.status);
      }
      resolve();
    };
    xhr.onerror = () => { note.textContent = "Lỗi mạng"; resolve(); };
    xhr.send(form);
  });
}

async function uploadAll(files) {
  for (const file of files) await uploadFile(file);
  refreshDocuments(true);
}

function setupUpload() {
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("file-input");
  if (!zone || !input) return;
  input.addEventListener("change", () => uploadAll(Array.from(input.files)));
  ["dragenter", "dragover"].forEach((ev) => zone.addEventListener(ev, (e) => {
    e.preventDefault(); zone.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((ev) => zone.addEventListener(ev, (e) => {
    e.preventDefault(); zone.classList.remove("over");
  }));
  zone.addEventListener("drop", (e) => uploadAll(Array.from(e.dataTransfer.files)));
}

let refreshTimer = null;
async function refreshDocuments(force) {
  const table = document.getElementById("documents");
  if (!table) return;
  const pending = table.querySelectorAll('tr[data-status="queued"], tr[data-status="processing"]');
  if (!force && pending.length === 0) return;
  const data = await api("GET", "/v1/documents?limit=200");
  const rows = new Map(Array.from(table.querySelectorAll("tr[data-id]")).map((r) => [r.dataset.id, r]));
  let reload = false;
  for (const doc of data.items) {
    const row = rows.get(doc.id);
    if (!row) { reload = true; continue; }
    if (row.dataset.status !== doc.status) reload = true;
  }
  if (reload) { window.location.reload(); return; }
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refreshDocuments(false), 1500);
}

// ---------------------------------------------------------------- document page

function names(value, role) {
  return value.split(";").map((s) => s.trim()).filter(Boolean).map((name) => ({ name, role }));
}

async function saveRow(row) {
  const message = row.querySelector(".message");
  const get = (n) => row.querySelector(`[name="${n}"]`);
  const patch = { version: Number(row.dataset.version) };
  const text = get("text").value.trim();
  if (text !== row.dataset.text) patch.text = text;
  const lead = get("lead").value.trim(), support = get("support").value.trim();
  if (lead !== row.dataset.lead || support !== row.dataset.support) {
    patch.assignees = names(lead, "lead").concat(names(support, "support"));
  }
  const dtype = get("dtype").value, date = get("date").value;
  if (dtype !== row.dataset.dtype || date !== row.dataset.date) {
    if (!dtype) patch.deadline = null;
    else {
      patch.deadline = { type: dtype, date: date || null, raw: row.dataset.raw || "" };
      if (dtype === "recurring" && row.dataset.rrule) patch.deadline.rrule = row.dataset.rrule;
    }
  }
  const status = get("status").value;
  if (status !== row.dataset.status) patch.status = status;
  const rejected = get("rejected").checked;
  if (rejected !== row.classList.contains("rejected")) patch.rejected = rejected;
  if (Object.keys(patch).length === 1) { message.textContent = "Không có thay đổi"; return; }
  message.textContent = "Đang lưu…";
  try {
    await api("PATCH", "/v1/tasks/" + encodeURIComponent(row.dataset.id), patch);
    message.textContent = "Đã lưu";
    window.location.hash = "row-" + row.dataset.id;
    window.location.reload();
  } catch (err) {
    message.textContent = "Lỗi: " + err.message;
  }
}

// The document text behind #doc-text: its text nodes minus the badges ("NV 1", "CQ", "HẠN"),
// so offsets counted here are offsets into the result's text, as the API's spans are.
function textNodes(root) {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement.closest(".badge")) out.push(n);
  }
  return out;
}

function textOffset(nodes, node, offset) {
  const before = document.createRange();
  before.selectNodeContents(document.getElementById("doc-text"));
  before.setEnd(node, offset);
  let total = 0;
  for (const n of nodes) {
    if (n === node) return total + offset;
    if (!before.intersectsNode(n)) break;
    total += n.length;
  }
  return total;
}

function useSelection(form) {
  const info = document.getElementById("span-info");
  const root = document.getElementById("doc-text");
  const selection = window.getSelection();
  delete form.dataset.start; delete form.dataset.end;
  if (!selection || selection.isCollapsed || !root.contains(selection.anchorNode)
      || !root.contains(selection.focusNode)) {
    info.textContent = "Chưa chọn đoạn nào trong văn bản.";
    return;
  }
  const range = selection.getRangeAt(0);
  const nodes = textNodes(root);
  const start = textOffset(nodes, range.startContainer, range.startOffset);
  const end = textOffset(nodes, range.endContainer, range.endOffset);
  const text = nodes.map((n) => n.data).join("").slice(start, end);
  if (!text.trim()) { info.textContent = "Chưa chọn đoạn nào trong văn bản."; return; }
  form.dataset.start = String(start); form.dataset.end = String(end);
  form.elements.text.value = text.trim();
  info.textContent = `Vị trí ${start}–${end} trong văn bản`;
}

async function addTask(form) {
  const message = document.getElementById("add-task-message");
  const field = (n) => form.elements[n].value.trim();
  const body = {
    text: field("text"),
    assignees: names(field("lead"), "lead").concat(names(field("support"), "support")),
  };
  if (field("dtype")) {
    body.deadline = { type: field("dtype"), date: field("date") || null, raw: field("raw") };
  }
  if (form.dataset.start) body.span = [Number(form.dataset.start), Number(form.dataset.end)];
  message.textContent = "Đang thêm…";
  try {
    const task = await api("POST", `/v1/documents/${encodeURIComponent(form.dataset.id)}/tasks`, body);
    message.textContent = "Đã thêm";
    window.location.hash = "row-" + task.id;
    window.location.reload();
  } catch (err) {
    message.textContent = "Lỗi: " + err.message;
  }
}

function flash(el) {
  el.classList.add("flash");
  setTimeout(() => el.classList.remove("flash"), 1200);
}

function setupDocument() {
  const head = document.getElementById("doc");
  if (!head) return;
  if (head.dataset.status === "queued" || head.dataset.status === "processing") {
    const poll = async () => {
      const doc = await api("GET", "/v1/documents/" + head.dataset.id);
      if (doc.status === "done" || doc.status === "failed") window.location.reload();
      else setTimeout(poll, 1000);
    };
    setTimeout(poll, 1000);
  }
  document.querySelectorAll("#task-table .save").forEach((b) =>
    b.addEventListener("click", () => saveRow(b.closest("tr"))));
  document.querySelectorAll("#doc-text [data-task]").forEach((span) =>
    span.addEventListener("click", () => {
      const row = document.getElementById("row-" + span.dataset.task);
      if (row) { row.scrollIntoView({ behavior: "smooth", block: "center" }); flash(row); }
    }));
  document.querySelectorAll("#task-table .goto").forEach((a) =>
    a.addEventListener("click", (e) => {
      e.preventDefault();
      const span = document.querySelector(`#doc-text [data-task="${CSS.escape(a.dataset.task)}"]`);
      if (span) { span.scrollIntoView({ behavior: "smooth", block: "center" }); flash(span); }
    }));
  const addForm = document.getElementById("add-task-form");
  if (addForm) {
    addForm.addEventListener("submit", (e) => { e.preventDefault(); addTask(addForm); });
    document.getElementById("use-selection").addEventListener("click", () => useSelection(addForm));
  }
  const msg = document.getElementById("doc-message");
  document.getElementById("review-btn")?.addEventListener("click", async (e) => {
    try { await api("POST", `/v1/documents/${e.target.dataset.id}/review`); window.location.reload(); }
    catch (err) { msg.textContent = "Lỗi: " + err.message; }
  });
  document.getElementById("delete-btn")?.addEventListener("click", async (e) => {
    if (!window.confirm("Xóa văn bản này cùng các nhiệm vụ của nó?")) return;
    try { await api("DELETE", "/v1/documents/" + e.target.dataset.id); window.location.href = "/"; }
    catch (err) { msg.textContent = "Lỗi: " + err.message; }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupUpload();
  refreshDocuments(false);
  setupDocument();
});
