// allauth's WebAuthn forms report a failed or cancelled key only to the console: show it.
(function () {
  document.addEventListener('allauth.error', function (event) {
    const box = document.getElementById('webauthn-error')
    if (!box) return
    event.preventDefault()
    box.hidden = false
    box.focus()
  })
})()
