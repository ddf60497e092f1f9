// Real ComfyUI hosts ship the PrimeIcons font (`pi pi-*` classes), and extensions may rely on it.
// Load it when the `primeicons` package is installed; without it the glob matches nothing and the
// host's own icons (inline SVG) still work. `exhaustive` lets the glob look inside node_modules.
import.meta.glob('../../node_modules/primeicons/primeicons.css', { eager: true, exhaustive: true })
