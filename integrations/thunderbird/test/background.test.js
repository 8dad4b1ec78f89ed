// The add-on's background logic against a real `heartlint serve`, with a faithful fake of the
// parts of Thunderbird's messenger API it uses (compose.onBeforeSend, windows, notifications,
// storage.local, runtime messaging). Run: node --test integrations/thunderbird/test/
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const path = require("node:path");

const PYTHON = process.env.HEARTLINT_PYTHON || "python3";
const FIX_FIRST = "Hi Dana,\n\nWe have refunded the shipping for the damaged parcel. Sorry for any inconvenience.\n\nSam\n";
const GOOD = "Hi Dana,\n\nI'm so sorry your order was late, and I know you needed it for the weekend.\n\nWe have refunded the shipping.\n\nSam\n";
const WARNING_ONLY = "Hi Dana,\n\nI'm so sorry we sent the wrong size. We have posted the right one today.\n\nSam\n";

function startServer(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ["-m", "heartlint", "serve", "--port", "0"], {
      cwd: path.join(__dirname, "..", "..", ".."),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/serving on (http:\/\/\S+)/);
      if (match) resolve({ child, url: match[1] });
    });
    child.on("exit", (code) => reject(new Error(`heartlint serve exited with ${code}: ${output}`)));
  });
}

/** A fake of the messenger API surface the add-on uses, recording what it is asked to do. */
function fakeMessenger(settings) {
  const calls = { windows: [], notifications: [], sent: [], removed: [] };
  let beforeSend = null;
  let onMessage = null;
  let nextWindow = 100;
  const messenger = {
    compose: {
      onBeforeSend: { addListener: (listener) => { beforeSend = listener; } },
      sendMessage: async (tabId) => {
        calls.sent.push(tabId);
        return beforeSend({ id: tabId }, calls.lastDetails); // Thunderbird runs the listener again
      },
    },
    windows: {
      create: async (options) => { calls.windows.push(options); return { id: nextWindow++ }; },
      remove: async (id) => { calls.removed.push(id); },
    },
    notifications: { create: async (options) => { calls.notifications.push(options.message); } },
    storage: {
      local: {
        get: async (keys) => Object.fromEntries(keys.filter((k) => k in settings).map((k) => [k, settings[k]])),
      },
    },
    runtime: { onMessage: { addListener: (listener) => { onMessage = listener; } } },
  };
  const send = async (tabId, details) => { calls.lastDetails = details; return beforeSend({ id: tabId }, details); };
  const message = (body) => onMessage(body, {});
  return { messenger, calls, send, message };
}

function addOn(settings) {
  for (const name of ["../background.js", "../core.js"]) delete require.cache[require.resolve(name)];
  const background = require("../background.js");
  const fake = fakeMessenger(settings);
  background.setup(fake.messenger, fetch);
  return fake;
}

let open;
let guarded;
before(async () => {
  [open, guarded] = await Promise.all([startServer({}), startServer({ HEARTLINT_TOKEN: "s3cret" })]);
});
after(() => {
  open.child.kill();
  guarded.child.kill();
});

const plain = (text) => ({ isPlainText: true, plainTextBody: text, body: "" });

test("an error-level finding holds the send and opens the popup with the findings", async () => {
  const fake = addOn({ serverUrl: open.url });
  assert.deepEqual(await fake.send(1, plain(FIX_FIRST)), { cancel: true });
  assert.equal(fake.calls.windows.length, 1);
  assert.equal(fake.calls.windows[0].url, "popup.html");
  const findings = await fake.message({ type: "findings", windowId: 100 });
  const fixFirst = findings.find((f) => f.code === "HL101");
  assert.ok(fixFirst, JSON.stringify(findings));
  assert.match(fixFirst.excerpt, /refunded/);
  assert.ok(findings.some((f) => f.code === "HL201"));
});

test("'Send anyway' sends the held draft once; 'Edit draft' only closes the popup", async () => {
  const fake = addOn({ serverUrl: open.url });
  await fake.send(7, plain(FIX_FIRST));
  assert.equal(await fake.message({ type: "send-anyway", windowId: 100 }), true);
  assert.deepEqual(fake.calls.sent, [7]);
  assert.deepEqual(fake.calls.removed, [100]);
  assert.deepEqual(await fake.send(7, plain(FIX_FIRST)), { cancel: true }); // the next send is checked again
  await fake.message({ type: "edit", windowId: 101 });
  assert.deepEqual(fake.calls.sent, [7]);
  assert.deepEqual(fake.calls.removed, [100, 101]);
});

test("a good draft goes out without a popup", async () => {
  const fake = addOn({ serverUrl: open.url });
  assert.deepEqual(await fake.send(2, plain(GOOD)), {});
  assert.equal(fake.calls.windows.length, 0);
  assert.equal(fake.calls.notifications.length, 0);
});

test("warnings show but do not hold the send, unless the options say so", async () => {
  const relaxed = addOn({ serverUrl: open.url });
  assert.deepEqual(await relaxed.send(3, plain(WARNING_ONLY)), {});
  assert.match(relaxed.calls.notifications[0], /HL301/);
  const strict = addOn({ serverUrl: open.url, failLevel: "warning" });
  assert.deepEqual(await strict.send(3, plain(WARNING_ONLY)), { cancel: true });
});

test("no server: the send goes through with a one-line notice (fail open)", async () => {
  const fake = addOn({ serverUrl: "http://127.0.0.1:9" });
  assert.deepEqual(await fake.send(4, plain(FIX_FIRST)), {});
  assert.equal(fake.calls.notifications.length, 1);
  assert.match(fake.calls.notifications[0], /sent without a check/);
  assert.doesNotMatch(fake.calls.notifications[0], /\n/);
});

test("no server and fail closed: the send is held with a notice", async () => {
  const fake = addOn({ serverUrl: "http://127.0.0.1:9", failClosed: true });
  assert.deepEqual(await fake.send(5, plain(GOOD)), { cancel: true });
  assert.match(fake.calls.notifications[0], /not sent/);
});

test("the bearer token is sent; a wrong one is reported, not silently passed", async () => {
  const right = addOn({ serverUrl: guarded.url, token: "s3cret" });
  assert.deepEqual(await right.send(6, plain(FIX_FIRST)), { cancel: true });
  const wrong = addOn({ serverUrl: guarded.url, token: "nope" });
  assert.deepEqual(await wrong.send(6, plain(FIX_FIRST)), {});
  assert.match(wrong.calls.notifications[0], /401/);
});

test("an HTML body is linted without its quoted history", async () => {
  const fake = addOn({ serverUrl: open.url });
  const html = {
    isPlainText: false,
    plainTextBody: "",
    body:
      "<html><body><p>Hi Dana,</p><p>We have refunded the shipping for the damaged parcel.</p><p>Sam</p>" +
      '<div class="moz-cite-prefix">On Monday, Dana wrote:</div>' +
      '<blockquote type="cite">I am so sorry to bother you, I know how busy you are.</blockquote></body></html>',
  };
  assert.deepEqual(await fake.send(8, html), { cancel: true });
  const findings = await fake.message({ type: "findings", windowId: 100 });
  assert.ok(findings.some((f) => f.code === "HL201"), "the quoted apology must not count");
  assert.ok(findings.every((f) => !/bother/.test(f.excerpt)));
});
