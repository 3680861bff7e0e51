// A stand-in for Telegram's telegram-web-app.js in browser tests: the same object shape
// the Mini App uses, with initData read from the URL fragment as Telegram passes it.
(function () {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const calls = [];
  function control(name) {
    const handlers = [];
    return {
      isVisible: false,
      text: "",
      setText: function (text) { this.text = text; calls.push(name + ".setText"); return this; },
      show: function () { this.isVisible = true; calls.push(name + ".show"); return this; },
      hide: function () { this.isVisible = false; calls.push(name + ".hide"); return this; },
      onClick: function (fn) { handlers.push(fn); return this; },
      offClick: function (fn) { const i = handlers.indexOf(fn); if (i >= 0) handlers.splice(i, 1); return this; },
      click: function () { handlers.slice().forEach(function (fn) { fn(); }); },
    };
  }
  window.Telegram = {
    WebApp: {
      initData: fragment.get("tgWebAppData") || "",
      version: fragment.get("tgWebAppVersion") || "7.0",
      themeParams: {
        bg_color: "#17212b", text_color: "#f5f5f5", hint_color: "#708499",
        link_color: "#6ab3f3", button_color: "#5288c1", button_text_color: "#ffffff",
        secondary_bg_color: "#232e3c",
      },
      MainButton: control("MainButton"),
      BackButton: control("BackButton"),
      ready: function () { calls.push("ready"); },
      expand: function () { calls.push("expand"); },
      onEvent: function () {},
      showConfirm: function (message, callback) { calls.push("showConfirm"); callback(true); },
      calls: calls,
    },
  };
})();
