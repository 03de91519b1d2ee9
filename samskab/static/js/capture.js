/* Samskab story form: triad, dyad and stones widgets, "not applicable", error summary, copy.
 *
 * Plain JavaScript, no build step, no inline code (the CSP forbids it); loaded with `defer`.
 * Progressive enhancement: the server renders plain inputs that work without JavaScript
 * (`.nojs-only`) and the widgets hidden (`.js-only[hidden]`). This file reveals the widgets and
 * keeps them and the plain inputs in step; the plain inputs are always what the form sends.
 * Every word the widgets say comes from data-* attributes written by the translated template.
 * Keyboard model and field names: docs/capture.md.
 */
(function () {
  "use strict";

  var TRIANGLE_HEIGHT = 86.6025; // SVG units: an equilateral triangle with side 100

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  // "33,5", "33.5 %" → 33.5; "" → null; anything else → NaN.
  function parseNumber(text) {
    var clean = String(text == null ? "" : text).replace("%", "").trim().replace(",", ".");
    if (clean === "") { return null; }
    var number = Number(clean);
    return isFinite(number) ? number : NaN;
  }

  function showNumber(value, decimal) {
    var rounded = Math.round(value * 10) / 10;
    var text = rounded % 1 === 0 ? String(rounded) : rounded.toFixed(1);
    return decimal === "," ? text.replace(".", ",") : text;
  }

  function clamp(value, low, high) { return Math.min(high, Math.max(low, value)); }

  // Round three shares (summing to 100) to tenths that still sum to exactly 100.
  function roundToHundred(values) {
    var tenths = values.map(function (v) { return v * 10; });
    var floors = tenths.map(Math.floor);
    var missing = 1000 - floors.reduce(function (a, b) { return a + b; }, 0);
    var order = tenths.map(function (v, i) { return [v - floors[i], i]; })
      .sort(function (a, b) { return b[0] - a[0]; });
    for (var k = 0; k < missing && k < 3; k += 1) { floors[order[k][1]] += 1; }
    return floors.map(function (f) { return f / 10; });
  }

  function decimalOf(element) {
    var form = element.closest("[data-capture-form]");
    return form ? form.getAttribute("data-decimal") : ".";
  }

  function announce(fieldset, text) {
    var live = fieldset.querySelector("[data-live]");
    if (live) { live.textContent = text; }
  }

  function svgPoint(svg, event) {
    var matrix = svg.getScreenCTM();
    if (!matrix) { return null; }
    return new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
  }

  // Arrow keys → a step [dx, dy] (dy up is positive); Shift or Page keys take bigger steps.
  function keyStep(event, small, big) {
    var size = event.shiftKey ? big : small;
    switch (event.key) {
      case "ArrowUp": return [0, size];
      case "ArrowDown": return [0, -size];
      case "ArrowRight": return [size, 0];
      case "ArrowLeft": return [-size, 0];
      case "PageUp": return [0, big];
      case "PageDown": return [0, -big];
      default: return null;
    }
  }

  function isDeleteKey(event) { return event.key === "Delete" || event.key === "Backspace"; }

  /* ---- Triad --------------------------------------------------------------------------
   * The point is (X, Y) as in SenseMaker: Y is the height (1 at the top corner) and
   * top = Y, left = 1 - X - Y/2, right = X - Y/2. Arrow keys move the point on screen:
   * up/down change the top share (the bottom two give or take half each), left/right move
   * share between the left and right corners. Typing a share keeps it and adjusts the others:
   * the one typed in longest ago (or never) absorbs the change first; when neither was typed
   * in, both change in proportion.
   */
  function enhanceTriad(widget) {
    var fieldset = widget.closest("fieldset");
    var svg = widget.querySelector("svg");
    var point = svg.querySelector(".triad-point");
    var inputs = Array.prototype.slice.call(fieldset.querySelectorAll(".triad-inputs input"));
    var labels = Array.prototype.slice.call(fieldset.querySelectorAll(".triad-inputs label"))
      .map(function (label) { return label.textContent.trim(); });
    var decimal = decimalOf(widget);
    var state = { placed: false, x: 0.5, y: 1 / 3 };
    var typed = []; // indexes of inputs in the order the person typed in them
    var dragging = false;

    function shares() {
      var values = [state.y, 1 - state.x - state.y / 2, state.x - state.y / 2];
      return roundToHundred(values.map(function (v) { return clamp(v, 0, 1) * 100; }));
    }

    function describe(values) {
      return values.map(function (v, i) { return labels[i] + " " + showNumber(v, decimal) + " %"; })
        .join(", ");
    }

    function setFromShares(values) {
      var total = values[0] + values[1] + values[2];
      if (!(total > 0)) { return false; }
      var top = values[0] / total;
      var right = values[2] / total;
      state = { placed: true, y: top, x: right + top / 2 };
      return true;
    }

    function render() {
      widget.classList.toggle("is-unset", !state.placed);
      if (!state.placed) {
        svg.setAttribute("aria-valuenow", "0");
        svg.setAttribute("aria-valuetext", widget.getAttribute("data-text-unset"));
        return;
      }
      var values = shares();
      point.setAttribute("cx", String(state.x * 100));
      point.setAttribute("cy", String((1 - state.y) * TRIANGLE_HEIGHT));
      svg.setAttribute("aria-valuenow", String(Math.round(values[0])));
      svg.setAttribute("aria-valuetext", describe(values));
    }

    function writeInputs() {
      var values = state.placed ? shares() : null;
      inputs.forEach(function (input, i) {
        input.value = values ? showNumber(values[i], decimal) : "";
      });
    }

    function place(x, y) {
      var height = clamp(y, 0, 1);
      state = { placed: true, y: height, x: clamp(x, height / 2, 1 - height / 2) };
      typed = [];
      render();
      writeInputs();
    }

    function clear() {
      state.placed = false;
      typed = [];
      render();
      writeInputs();
    }

    function onKey(event) {
      if (svg.getAttribute("aria-disabled") === "true") { return; }
      if (isDeleteKey(event)) { event.preventDefault(); clear(); return; }
      var step = event.key === "Home" ? [0, 0] : keyStep(event, 0.01, 0.1);
      if (!step) { return; }
      event.preventDefault();
      if (!state.placed || event.key === "Home") { place(0.5, 1 / 3); return; }
      place(state.x + step[0], state.y + step[1]);
    }

    function onPointer(event) {
      if (svg.getAttribute("aria-disabled") === "true") { return; }
      if (event.type === "pointerdown") {
        dragging = true;
        svg.setPointerCapture(event.pointerId);
        svg.focus();
      }
      if (!dragging) { return; }
      event.preventDefault();
      var p = svgPoint(svg, event);
      if (p) { place(p.x / 100, 1 - p.y / TRIANGLE_HEIGHT); }
    }

    function rebalance(index) {
      var values = inputs.map(function (input) { return parseNumber(input.value); });
      if (values[index] === null && values.every(function (v) { return v === null; })) {
        clear();
        return;
      }
      if (values[index] === null || isNaN(values[index])) { return; } // the server will say why
      var own = clamp(values[index], 0, 100);
      var others = [0, 1, 2].filter(function (i) { return i !== index; });
      var rest = 100 - own;
      var next = [0, 0, 0];
      next[index] = own;
      typed = typed.filter(function (i) { return i !== index; }).concat([index]);
      var wasTyped = others.filter(function (i) { return typed.indexOf(i) !== -1; });
      if (wasTyped.length === 0) {
        var a = Math.max(0, values[others[0]] || 0);
        var b = Math.max(0, values[others[1]] || 0);
        next[others[0]] = a + b > 0 ? rest * a / (a + b) : rest / 2;
        next[others[1]] = rest - next[others[0]];
      } else {
        // keep the most recently typed of the other two; the older one absorbs the change
        var keep = typed.indexOf(others[0]) > typed.indexOf(others[1]) ? others[0] : others[1];
        var absorb = keep === others[0] ? others[1] : others[0];
        next[keep] = Math.min(Math.max(0, values[keep] || 0), rest);
        next[absorb] = rest - next[keep];
      }
      if (setFromShares(next)) {
        render();
        writeInputs();
        announce(fieldset, format(widget.getAttribute("data-text-now"), { values: describe(shares()) }));
      }
    }

    var initial = inputs.map(function (input) { return parseNumber(input.value); });
    if (initial.every(function (v) { return typeof v === "number" && !isNaN(v) && v >= 0; })) {
      setFromShares(initial);
    }
    render();
    svg.addEventListener("keydown", onKey);
    svg.addEventListener("pointerdown", onPointer);
    svg.addEventListener("pointermove", onPointer);
    svg.addEventListener("pointerup", function () { dragging = false; });
    svg.addEventListener("pointercancel", function () { dragging = false; });
    inputs.forEach(function (input, i) {
      input.addEventListener("change", function () { rebalance(i); });
    });
    widget.querySelector("[data-clear]").addEventListener("click", function () {
      clear();
      svg.focus();
    });
    fieldset.captureDisable = function (disabled) {
      svg.setAttribute("tabindex", disabled ? "-1" : "0");
      svg.setAttribute("aria-disabled", disabled ? "true" : "false");
    };
  }

  /* ---- Dyad ---------------------------------------------------------------------------
   * A native range without a name drives the named number input. Until the person moves
   * the range (arrow keys, Home/End, dragging or a tap) or types a number, the number input
   * stays empty and the dyad is skipped, never stored as the range's resting 50.
   */
  function enhanceDyad(widget) {
    var fieldset = widget.closest("fieldset");
    var range = widget.querySelector("input[type=range]");
    var number = fieldset.querySelector(".dyad-number input");
    var status = widget.querySelector("[data-status]");
    var decimal = decimalOf(widget);

    function describe(value) {
      var rounded = showNumber(value, decimal);
      if (value < 50) {
        return format(widget.getAttribute("data-text-left"),
          { value: rounded, pole: widget.getAttribute("data-pole-left") });
      }
      if (value > 50) {
        return format(widget.getAttribute("data-text-right"),
          { value: rounded, pole: widget.getAttribute("data-pole-right") });
      }
      return format(widget.getAttribute("data-text-middle"), { value: rounded });
    }

    function show(value) {
      var answered = value !== null;
      range.classList.toggle("is-unset", !answered);
      if (answered) { range.value = String(value); }
      var text = answered ? describe(value) : widget.getAttribute("data-text-unset");
      range.setAttribute("aria-valuetext", text);
      status.textContent = text;
    }

    function fromRange() {
      number.value = showNumber(Number(range.value), decimal);
      show(Number(range.value));
    }

    function fromNumber() {
      var value = parseNumber(number.value);
      if (value === null) { show(null); return; }
      if (!isNaN(value) && value >= 0 && value <= 100) { show(value); }
    }

    range.addEventListener("input", fromRange);
    range.addEventListener("pointerup", function () {
      if (range.classList.contains("is-unset")) { fromRange(); }
    });
    number.addEventListener("change", fromNumber);
    widget.querySelector("[data-clear]").addEventListener("click", function () {
      number.value = "";
      show(null);
      range.value = "50";
      range.focus();
    });
    fromNumber();
    fieldset.captureDisable = function () {}; // range and buttons are disabled with the inputs
  }

  /* ---- Stones -------------------------------------------------------------------------
   * Each stone is a button in the tray (aria-pressed: on the canvas or not) and, once placed,
   * a focusable slider on the canvas. Arrow keys move it by 1 (Shift: 10), Delete or
   * Backspace takes it off. x runs left to right, y bottom to top, both 0-100.
   */
  function enhanceStones(widget) {
    var fieldset = widget.closest("fieldset");
    var svg = widget.querySelector("svg");
    var fallback = fieldset.querySelector(".stones-fallback");
    var decimal = decimalOf(widget);
    var stones = {};
    var dragging = null;

    Array.prototype.forEach.call(widget.querySelectorAll(".stone"), function (node) {
      var id = node.getAttribute("data-stone");
      var inputs = fallback.querySelector('[data-stone-inputs="' + id + '"]').querySelectorAll("input");
      stones[id] = {
        id: id,
        node: node,
        toggle: widget.querySelector('.stone-toggle[data-stone="' + id + '"]'),
        placed: inputs[0], xInput: inputs[1], yInput: inputs[2],
        label: node.getAttribute("aria-label"),
        text: node.querySelector(".stone-label"),
        x: 50, y: 50, on: false
      };
    });

    function render(stone) {
      stone.node.setAttribute("display", stone.on ? "inline" : "none");
      stone.node.setAttribute("tabindex", stone.on ? "0" : "-1");
      stone.node.setAttribute("transform", "translate(" + stone.x + " " + (100 - stone.y) + ")");
      // The name sits beside the stone, on whichever side has room.
      var onLeft = stone.x > 60;
      stone.text.setAttribute("x", onLeft ? "-7.5" : "7.5");
      stone.text.setAttribute("text-anchor", onLeft ? "end" : "start");
      stone.node.setAttribute("aria-valuenow", String(Math.round(stone.x)));
      stone.node.setAttribute("aria-valuetext", format(widget.getAttribute("data-text-value"), {
        x_label: widget.getAttribute("data-x-label"), x: showNumber(stone.x, decimal),
        y_label: widget.getAttribute("data-y-label"), y: showNumber(stone.y, decimal)
      }));
      stone.toggle.setAttribute("aria-pressed", stone.on ? "true" : "false");
      stone.placed.checked = stone.on;
      stone.xInput.value = stone.on ? showNumber(stone.x, decimal) : "";
      stone.yInput.value = stone.on ? showNumber(stone.y, decimal) : "";
    }

    function move(stone, x, y) {
      stone.x = Math.round(clamp(x, 0, 100) * 10) / 10;
      stone.y = Math.round(clamp(y, 0, 100) * 10) / 10;
      render(stone);
    }

    function setOn(stone, on) {
      stone.on = on;
      if (on) { stone.x = 50; stone.y = 50; }
      render(stone);
      var key = on ? "data-text-placed" : "data-text-removed";
      announce(fieldset, format(widget.getAttribute(key), { stone: stone.label }));
      (on ? stone.node : stone.toggle).focus();
    }

    function onKey(stone, event) {
      if (isDeleteKey(event)) { event.preventDefault(); setOn(stone, false); return; }
      var step = keyStep(event, 1, 10);
      if (!step) { return; }
      event.preventDefault();
      move(stone, stone.x + step[0], stone.y + step[1]);
    }

    Object.keys(stones).forEach(function (id) {
      var stone = stones[id];
      var x = parseNumber(stone.xInput.value);
      var y = parseNumber(stone.yInput.value);
      stone.on = stone.placed.checked;
      stone.x = typeof x === "number" && !isNaN(x) ? clamp(x, 0, 100) : 50;
      stone.y = typeof y === "number" && !isNaN(y) ? clamp(y, 0, 100) : 50;
      render(stone);
      stone.toggle.addEventListener("click", function () { setOn(stone, !stone.on); });
      stone.node.addEventListener("keydown", function (event) { onKey(stone, event); });
      stone.node.addEventListener("pointerdown", function (event) {
        dragging = stone;
        svg.setPointerCapture(event.pointerId);
        stone.node.focus();
        event.preventDefault();
      });
    });
    svg.addEventListener("pointermove", function (event) {
      if (!dragging) { return; }
      var p = svgPoint(svg, event);
      if (p) { move(dragging, p.x, 100 - p.y); }
    });
    svg.addEventListener("pointerup", function () { dragging = null; });
    svg.addEventListener("pointercancel", function () { dragging = null; });
    fallback.hidden = true; // the canvas replaces the number inputs, which still carry the values
    fieldset.captureDisable = function (disabled) {
      Object.keys(stones).forEach(function (id) {
        var stone = stones[id];
        stone.node.setAttribute("tabindex", disabled || !stone.on ? "-1" : "0");
        stone.node.setAttribute("aria-disabled", disabled ? "true" : "false");
      });
    };
  }

  /* ---- Not applicable: the question's other inputs are disabled, so they are not sent. ---- */
  function enhanceNotApplicable(fieldset) {
    var box = fieldset.querySelector(".na-choice input[type=checkbox]");
    if (!box) { return; }
    function apply() {
      var off = box.checked;
      fieldset.classList.toggle("is-na", off);
      Array.prototype.forEach.call(fieldset.querySelectorAll("input, button, textarea, select"),
        function (control) { if (control !== box) { control.disabled = off; } });
      if (fieldset.captureDisable) { fieldset.captureDisable(off); }
    }
    box.addEventListener("change", apply);
    apply();
  }

  function focusTarget(link) {
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    var focusable = target.matches("input, textarea, select, button") ? [target] :
      target.querySelectorAll("input:not([type=hidden]):not([disabled]), textarea, select, button, [tabindex='0']");
    var visible = Array.prototype.filter.call(focusable, function (el) {
      return el.getClientRects().length > 0;
    });
    if (visible.length) { visible[0].focus(); }
  }

  function enhanceErrorSummary(summary) {
    summary.focus();
    Array.prototype.forEach.call(summary.querySelectorAll("a[href^='#']"), function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        focusTarget(link);
      });
    });
  }

  function enhanceCopy(button) {
    if (!navigator.clipboard || !window.isSecureContext) { return; }
    button.closest(".js-only").hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        var status = button.parentNode.querySelector("[data-copy-status]");
        if (status) { status.textContent = button.getAttribute("data-copied"); }
      });
    });
  }

  // Elements matching selector inside root, and root itself when it matches.
  function within(root, selector) {
    var found = Array.prototype.slice.call(root.querySelectorAll(selector));
    if (root.matches && root.matches(selector)) { found.unshift(root); }
    return found;
  }

  function each(root, selector, enhance) {
    within(root, selector).forEach(function (element) {
      if (element.hasAttribute("data-enhanced")) { return; }
      element.setAttribute("data-enhanced", "");
      enhance(element);
    });
  }

  function init(root) {
    within(root, "[data-capture-form]").forEach(function (form) {
      Array.prototype.forEach.call(form.querySelectorAll(".js-only"), function (el) { el.hidden = false; });
      Array.prototype.forEach.call(form.querySelectorAll(".nojs-only"), function (el) { el.hidden = true; });
    });
    each(root, "[data-triad]", enhanceTriad);
    each(root, "[data-dyad]", enhanceDyad);
    each(root, "[data-stones]", enhanceStones);
    each(root, "[data-capture-form] fieldset.signifier", enhanceNotApplicable);
    each(root, "[data-error-summary]", enhanceErrorSummary);
    each(root, "[data-copy]", enhanceCopy);
  }

  function start() { init(document); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  // The instrument editor swaps its live preview in with htmx: enhance the new content too.
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
}());
