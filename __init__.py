"""ComfyUI-Account: a frontend-only ComfyUI extension for signing in to a Comfy account.

There is no Python node here. ComfyUI serves ``./web`` (built by ``npm run build``) at
``/extensions/ComfyUI-Account/`` and imports ``comfyui-account.js`` from it at start-up; it also
merges ``locales/<lang>/*.json`` into the strings it serves at ``/api/i18n``.

This module must import without ComfyUI present, so it imports nothing. The empty mappings are
required: without ``NODE_CLASS_MAPPINGS`` ComfyUI counts the package as a failed import.
"""

WEB_DIRECTORY = "./web"
NODE_CLASS_MAPPINGS = {}
NODE_DISPLAY_NAME_MAPPINGS = {}

__all__ = ["WEB_DIRECTORY", "NODE_CLASS_MAPPINGS", "NODE_DISPLAY_NAME_MAPPINGS"]
