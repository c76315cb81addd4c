// Put the mou-search box on another intranet page:
//   <div id="mou-search"></div>
//   <script src="https://SEARCH-HOST/static/embed.js" data-target="#mou-search" async></script>
// It adds an iframe of SEARCH-HOST/?embed=1 (compact page; results open in a new tab). The
// embedding page's origin must be listed in MOU_SEARCH_CORS_ORIGINS (frame-ancestors).
"use strict";
(function () {
  const script = document.currentScript;
  if (!script) return;
  const origin = new URL(script.src, location.href).origin;
  const frame = document.createElement("iframe");
  const q = script.getAttribute("data-query");
  frame.src = origin + "/?embed=1" + (q ? "&q=" + encodeURIComponent(q) : "");
  frame.title = "ค้นหาบันทึกความเข้าใจ · MoU search";
  frame.loading = "lazy";
  frame.width = "100%";
  frame.height = script.getAttribute("data-height") || "480";
  frame.setAttribute("referrerpolicy", "same-origin");
  frame.style.border = "1px solid #d9dde5";
  frame.style.borderRadius = "8px";
  const target = script.getAttribute("data-target");
  const host = target ? document.querySelector(target) : null;
  if (host) host.appendChild(frame); else script.insertAdjacentElement("afterend", frame);
})();
