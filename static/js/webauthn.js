// Security keys and passkeys (WebAuthn): registering one, and using one after the
// password. A form marked data-webauthn="register" or "verify" names its two
// requests (data-begin, data-complete): the first returns the options for the
// browser's dialog, the second takes the browser's answer and says where to go.
// The server's refusals carry their own message; the form's data-msg-* say what
// only the browser knows (no support, cancelled, a key registered already).
(function () {
  "use strict";

  function fromBase64url(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var binary = atob(base64 + "===".slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withIds(descriptors) {
    return (descriptors || []).map(function (descriptor) {
      return Object.assign({}, descriptor, { id: fromBase64url(descriptor.id) });
    });
  }

  function creationOptions(options) {
    return Object.assign({}, options, {
      challenge: fromBase64url(options.challenge),
      user: Object.assign({}, options.user, { id: fromBase64url(options.user.id) }),
      excludeCredentials: withIds(options.excludeCredentials),
    });
  }

  function requestOptions(options) {
    return Object.assign({}, options, {
      challenge: fromBase64url(options.challenge),
      allowCredentials: withIds(options.allowCredentials),
    });
  }

  function asJSON(credential) {
    var response = credential.response;
    var answer = { clientDataJSON: toBase64url(response.clientDataJSON) };
    if (response.attestationObject) {
      answer.attestationObject = toBase64url(response.attestationObject);
      answer.transports = response.getTransports ? response.getTransports() : [];
    } else {
      answer.authenticatorData = toBase64url(response.authenticatorData);
      answer.signature = toBase64url(response.signature);
      if (response.userHandle) answer.userHandle = toBase64url(response.userHandle);
    }
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: answer,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults(),
    };
  }

  function post(form, url, body) {
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": token ? token.value : "",
      },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok || data.error) {
          var refusal = new Error(data.message || response.statusText);
          refusal.serverMessage = data.message;
          throw refusal;
        }
        return data;
      });
    });
  }

  function messageFor(form, error) {
    if (error.serverMessage) return error.serverMessage;
    if (error.name === "NotAllowedError" || error.name === "AbortError") {
      return form.dataset.msgCancelled;
    }
    if (error.name === "InvalidStateError") return form.dataset.msgExists;
    return form.dataset.msgFailed;
  }

  function supported() {
    return Boolean(window.PublicKeyCredential && navigator.credentials && window.fetch);
  }

  document.querySelectorAll("form[data-webauthn]").forEach(function (form) {
    var registering = form.dataset.webauthn === "register";
    var alert = form.querySelector("[data-webauthn-error]");
    var status = form.querySelector("[data-webauthn-status]");
    var button = form.querySelector("button[type=submit]");
    var nameField = form.querySelector("input[name=name]");

    function show(message) {
      status.textContent = "";
      alert.textContent = message;
      alert.hidden = false;
    }

    form.hidden = false;
    if (!supported()) {
      show(form.dataset.msgUnsupported);
      button.disabled = true;
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      alert.hidden = true;
      status.textContent = form.dataset.msgWorking;
      button.disabled = true;
      var name = nameField ? nameField.value : "";
      post(form, form.dataset.begin, { name: name })
        .then(function (options) {
          return registering
            ? navigator.credentials.create({ publicKey: creationOptions(options) })
            : navigator.credentials.get({ publicKey: requestOptions(options) });
        })
        .then(function (credential) {
          return post(form, form.dataset.complete, { name: name, credential: asJSON(credential) });
        })
        .then(function (data) {
          window.location.assign(data.redirect);
        })
        .catch(function (error) {
          show(messageFor(form, error));
          button.disabled = false;
          alert.focus();
        });
    });
  });
})();
