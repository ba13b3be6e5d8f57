export interface components {
    schemas: {
        /**
         * GptImage1TextToImageByokInput
         * @example {
         *       "prompt": "A serene cyberpunk cityscape at twilight, with neon signs glowing in vibrant blues and purples, reflecting on rain-slick streets. Sleek futuristic buildings tower above, connected by glowing skybridges. A lone figure in a hooded jacket stands under a streetlamp, backlit by soft mist. The atmosphere is cinematic, moody",
         *       "image_size": "auto",
         *       "num_images": 1,
         *       "quality": "auto",
         *       "background": "auto",
         *       "openai_api_key": ""
         *     }
         */
        GptImage1TextToImageByokInput: {
            /**
             * Prompt
             * @description The prompt to generate the image from.
             * @example A serene cyberpunk cityscape at twilight, with neon signs glowing in vibrant blues and purples, reflecting on rain-slick streets. Sleek futuristic buildings tower above, connected by glowing skybridges. A lone figure in a hooded jacket stands under a streetlamp, backlit by soft mist. The atmosphere is cinematic, moody
             */
            prompt: string;
            /**
             * Image Size
             * @description The size of the image to generate.
             * @default auto
             * @example auto
             * @enum {string}
             */
            image_size?: "auto" | "1024x1024" | "1536x1024" | "1024x1536";
            /**
             * Num Images
             * @description The number of images to generate.
             * @default 1
             * @example 1
             */
            num_images?: number;
            /**
             * Quality
             * @description The quality of the image to generate.
             * @default auto
             * @example auto
             * @enum {string}
             */
            quality?: "auto" | "low" | "medium" | "high";
            /**
             * Background
             * @description The background of the image to generate.
             * @default auto
             * @example auto
             * @enum {string}
             */
            background?: "auto" | "transparent" | "opaque";
            /**
             * Openai Api Key
             * @description The OpenAI API key to use for the image generation. This endpoint is currently powered by bring-your-own-key system.
             * @example
             */
            openai_api_key: string;
        };
        /**
         * GptImage1TextToImageByokOutput
         * @example {
         *       "images": [
         *         {
         *           "url": "https://storage.googleapis.com/falserverless/model_tests/gpt-image-1/cyberpunk.png"
         *         }
         *       ],
         *       "usage": {
         *         "input_tokens_details": {}
         *       }
         *     }
         */
        GptImage1TextToImageByokOutput: {
            /**
             * Images
             * @description The generated images.
             * @example [
             *       {
             *         "url": "https://storage.googleapis.com/falserverless/model_tests/gpt-image-1/cyberpunk.png"
             *       }
             *     ]
             */
            images: components["schemas"]["Image"][];
            /**
             * Usage
             * @description The usage details for the image generation.
             * @example {
             *       "input_tokens_details": {}
             *     }
             */
            usage: components["schemas"]["OpenAIUsage"];
        };
        /** Image */
        Image: {
            /**
             * Url
             * @description The URL where the file can be downloaded from.
             */
            url: string;
            /**
             * Content Type
             * @description The mime type of the file.
             */
            content_type?: string;
            /**
             * File Name
             * @description The name of the file. It will be auto-generated if not provided.
             */
            file_name?: string;
            /**
             * File Size
             * @description The size of the file in bytes.
             */
            file_size?: number;
            /**
             * File Data
             * @description File data
             */
            file_data?: string;
            /**
             * Width
             * @description The width of the image in pixels.
             */
            width?: number;
            /**
             * Height
             * @description The height of the image in pixels.
             */
            height?: number;
        };
        /** OpenAIUsage */
        OpenAIUsage: {
            /**
             * Input Tokens
             * @description Used input tokens
             */
            input_tokens?: number;
            /**
             * Input Tokens Details
             * @description Input tokens details
             */
            input_tokens_details?: components["schemas"]["OpenAIUsageInputTokensDetails"];
            /**
             * Output Tokens
             * @description Used output tokens
             */
            output_tokens?: number;
            /**
             * Total Tokens
             * @description Total tokens used
             */
            total_tokens?: number;
        };
        /** OpenAIUsageInputTokensDetails */
        OpenAIUsageInputTokensDetails: {
            /**
             * Image Tokens
             * @description Used image tokens
             */
            image_tokens?: number;
            /**
             * Text Tokens
             * @description Used text tokens
             */
            text_tokens?: number;
        };
        QueueStatus: {
            /** @enum {string} */
            status: "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED";
            /** @description The request id. */
            request_id: string;
            /** @description The response url. */
            response_url?: string;
            /** @description The status url. */
            status_url?: string;
            /** @description The cancel url. */
            cancel_url?: string;
            /** @description The logs. */
            logs?: {
                [key: string]: unknown;
            };
            /** @description The metrics. */
            metrics?: {
                [key: string]: unknown;
            };
            /** @description The queue position. */
            queue_position?: number;
        };
    };
}
//# sourceMappingURL=types.d.ts.map