// Options: server URL, token, fail level, fail open or closed.
"use strict";

const fields = ["serverUrl", "token", "failLevel", "failClosed"];

async function load() {
  const stored = { ...heartlintCore.DEFAULTS, ...(await messenger.storage.local.get(fields)) };
  for (const name of fields) {
    const input = document.getElementById(name);
    if (input.type === "checkbox") input.checked = Boolean(stored[name]);
    else input.value = stored[name];
  }
}

document.getElementById("options").onsubmit = async (event) => {
  event.preventDefault();
  const values = {};
  for (const name of fields) {
    const input = document.getElementById(name);
    values[name] = input.type === "checkbox" ? input.checked : input.value.trim();
  }
  await messenger.storage.local.set(values);
};

load();
