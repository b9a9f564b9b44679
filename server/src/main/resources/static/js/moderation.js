// The moderation page: of the reasons' texts, show the one the select picks (all stay visible without script).
document.addEventListener('DOMContentLoaded', () => {
  const select = document.getElementById('reason');
  if (!select) {
    return;
  }
  const show = () => document.querySelectorAll('.reason-preview').forEach(p => {
    p.hidden = p.dataset.reason !== select.value;
  });
  select.addEventListener('change', show);
  show();
});
