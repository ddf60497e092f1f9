/**
 * Start-up file ComfyUI imports (`/extensions/ComfyUI-Account/comfyui-account.js`). It only
 * registers the extension; everything else loads when it is needed.
 */
import { registerAccountExtension } from './host/registerAccountExtension'

registerAccountExtension()
