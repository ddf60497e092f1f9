// `GET /api/object_info`: node definitions for the playground's tiny demo graph, shaped like the
// real backend's (comfyanonymous/ComfyUI server.py `node_info`). Partner ("API") nodes carry
// `api_node: true` and the two hidden credential inputs the backend fills from `extra_data`.

export interface NodeDef {
  input: {
    required?: Record<string, unknown>
    optional?: Record<string, unknown>
    hidden?: Record<string, string>
  }
  input_order: { required?: string[]; optional?: string[] }
  output: string[]
  output_is_list: boolean[]
  output_name: string[]
  name: string
  display_name: string
  description: string
  python_module: string
  category: string
  output_node: boolean
  api_node?: boolean
}

export const NODE_DEFS: Record<string, NodeDef> = {
  LoadImage: {
    input: { required: { image: [['example.png'], { image_upload: true }] } },
    input_order: { required: ['image'] },
    output: ['IMAGE', 'MASK'],
    output_is_list: [false, false],
    output_name: ['IMAGE', 'MASK'],
    name: 'LoadImage',
    display_name: 'Load Image',
    description: '',
    python_module: 'nodes',
    category: 'image',
    output_node: false
  },
  SaveImage: {
    input: {
      required: {
        images: ['IMAGE', { tooltip: 'The images to save.' }],
        filename_prefix: ['STRING', { default: 'ComfyUI' }]
      },
      hidden: { prompt: 'PROMPT', extra_pnginfo: 'EXTRA_PNGINFO' }
    },
    input_order: { required: ['images', 'filename_prefix'] },
    output: [],
    output_is_list: [],
    output_name: [],
    name: 'SaveImage',
    display_name: 'Save Image',
    description: 'Saves the input images to your ComfyUI output directory.',
    python_module: 'nodes',
    category: 'image',
    output_node: true
  },
  PreviewImage: {
    input: {
      required: { images: ['IMAGE', {}] },
      hidden: { prompt: 'PROMPT', extra_pnginfo: 'EXTRA_PNGINFO' }
    },
    input_order: { required: ['images'] },
    output: [],
    output_is_list: [],
    output_name: [],
    name: 'PreviewImage',
    display_name: 'Preview Image',
    description: 'Saves the input images to your ComfyUI output directory.',
    python_module: 'nodes',
    category: 'image',
    output_node: true
  },
  OpenAIDalle3: {
    input: {
      required: { prompt: ['STRING', { multiline: true, default: '', tooltip: 'Text prompt for DALL·E' }] },
      optional: {
        seed: ['INT', { default: 0, min: 0, max: 2147483647, step: 1, control_after_generate: true }],
        quality: [['standard', 'hd'], { default: 'standard' }],
        style: [['natural', 'vivid'], { default: 'natural' }],
        size: [['1024x1024', '1024x1792', '1792x1024'], { default: '1024x1024' }]
      },
      hidden: {
        auth_token_comfy_org: 'AUTH_TOKEN_COMFY_ORG',
        api_key_comfy_org: 'API_KEY_COMFY_ORG',
        unique_id: 'UNIQUE_ID'
      }
    },
    input_order: { required: ['prompt'], optional: ['seed', 'quality', 'style', 'size'] },
    output: ['IMAGE'],
    output_is_list: [false],
    output_name: ['IMAGE'],
    name: 'OpenAIDalle3',
    display_name: 'OpenAI DALL·E 3',
    description: "Generates images synchronously via OpenAI's DALL·E 3 endpoint.",
    python_module: 'comfy_api_nodes.nodes_openai',
    category: 'api node/image/OpenAI',
    output_node: false,
    api_node: true
  }
}
