/* Search suggestions: turns every input[data-autocomplete-url] into an ARIA 1.2 combobox
   (list autocomplete). Progressive enhancement: without JavaScript the plain form submits. */
(function () {
  "use strict";

  var DELAY = 200;
  var counter = 0;

  function Combobox(input) {
    counter += 1;
    this.input = input;
    this.url = input.getAttribute("data-autocomplete-url");
    this.active = -1;
    this.items = [];
    this.timer = null;
    this.request = null;

    var wrapper = input.parentNode;
    wrapper.classList.add("combobox");
    this.listbox = document.createElement("ul");
    this.listbox.id = input.id + "-suggestions-" + counter;
    this.listbox.className = "combobox__listbox";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", input.getAttribute("data-suggestions-label") || "Suggestions");
    this.statusText = input.getAttribute("data-suggestions-status") || "";
    this.listbox.hidden = true;
    this.status = document.createElement("div");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    wrapper.appendChild(this.listbox);
    wrapper.appendChild(this.status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.listbox.id);

    input.addEventListener("input", this.onInput.bind(this));
    input.addEventListener("keydown", this.onKeydown.bind(this));
    input.addEventListener("blur", function () { window.setTimeout(this.close.bind(this), 150); }.bind(this));
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", this.onClick.bind(this));
  }

  Combobox.prototype.onInput = function () {
    window.clearTimeout(this.timer);
    var value = this.input.value.trim();
    if (value.length < 2) { this.close(); return; }
    this.timer = window.setTimeout(this.fetch.bind(this, value), DELAY);
  };

  Combobox.prototype.fetch = function (value) {
    if (this.request) { this.request.abort(); }
    var controller = new AbortController();
    this.request = controller;
    var self = this;
    fetch(this.url + "?q=" + encodeURIComponent(value), { signal: controller.signal, headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (self.input.value.trim() === value) { self.render(data.results || []); } })
      .catch(function () { /* offline or aborted: the plain form still works */ });
  };

  Combobox.prototype.render = function (results) {
    this.items = results;
    this.active = -1;
    this.listbox.textContent = "";
    this.input.removeAttribute("aria-activedescendant");
    var self = this;
    results.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = self.listbox.id + "-" + index;
      option.className = "combobox__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-url", item.url);
      option.textContent = item.title;
      self.listbox.appendChild(option);
    });
    if (results.length) {
      this.listbox.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    } else {
      this.close();
    }
    this.status.textContent = results.length ? results.length + " " + this.statusText : "";
  };

  Combobox.prototype.close = function () {
    this.listbox.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  Combobox.prototype.move = function (step) {
    var options = this.listbox.querySelectorAll("[role=option]");
    if (!options.length) { return; }
    if (this.active >= 0) { options[this.active].setAttribute("aria-selected", "false"); }
    this.active = (this.active + step + options.length) % options.length;
    var option = options[this.active];
    option.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  };

  Combobox.prototype.onKeydown = function (event) {
    var open = !this.listbox.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open && this.items.length) { this.listbox.hidden = false; this.input.setAttribute("aria-expanded", "true"); }
      this.move(1);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      this.move(-1);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      this.close();
    } else if (event.key === "Enter" && open && this.active >= 0) {
      event.preventDefault();
      window.location.assign(this.items[this.active].url);
    }
  };

  Combobox.prototype.onClick = function (event) {
    var option = event.target.closest("[role=option]");
    if (option) { window.location.assign(option.getAttribute("data-url")); }
  };

  function init() {
    var inputs = document.querySelectorAll("input[data-autocomplete-url]");
    Array.prototype.forEach.call(inputs, function (input) { new Combobox(input); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
