export interface components {
    schemas: {
        /**
         * BytedanceSeedreamV4TextToImageInput
         * @example {
         *       "prompt": "A trendy restaurant with a digital menu board displaying \"Seedream 4.0 is available on fal\" in elegant script, with diners enjoying their meals.",
         *       "image_size": {
         *         "height": 4096,
         *         "width": 4096
         *       },
         *       "num_images": 1,
         *       "max_images": 1,
         *       "enable_safety_checker": true,
         *       "enhance_prompt_mode": "standard"
         *     }
         */
        BytedanceSeedreamV4TextToImageInput: {
            /**
             * Prompt
             * @description The text prompt used to generate the image
             * @example A trendy restaurant with a digital menu board displaying "Seedream 4.0 is available on fal" in elegant script, with diners enjoying their meals.
             */
            prompt: string;
            /**
             * Image Size
             * @description The size of the generated image. Width and height must be between 1024 and 4096.
             *
             *     Allowed values: "square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9", "auto", "auto_2K", "auto_4K"
             * @example {
             *       "height": 4096,
             *       "width": 4096
             *     }
             */
            image_size?: components["schemas"]["ImageSize"] | ("square_hd" | "square" | "portrait_4_3" | "portrait_16_9" | "landscape_4_3" | "landscape_16_9" | "auto" | "auto_2K" | "auto_4K");
            /**
             * Num Images
             * @description Number of separate model generations to be run with the prompt.
             *
             *     Limits: at least 1
             * @default 1
             * @example 1
             */
            num_images?: number;
            /**
             * Max Images
             * @description If set to a number greater than one, enables multi-image generation. The model will potentially return up to max_images images every generation, and in total, num_images generations will be carried out. In total, the number of images generated will be between num_images and max_images*num_images.
             *
             *     Limits: at least 1
             * @default 1
             * @example 1
             */
            max_images?: number;
            /**
             * Seed
             * @description Random seed to control the stochasticity of image generation.
             */
            seed?: number;
            /**
             * Sync Mode
             * @description If True, the media will be returned as a data URI and the output data won't be available in the request history.
             */
            sync_mode?: boolean;
            /**
             * Enable Safety Checker
             * @description If set to true, the safety checker will be enabled.
             * @default true
             * @example true
             */
            enable_safety_checker?: boolean;
            /**
             * Enhance Prompt Mode
             * @description The mode to use for enhancing prompt enhancement. Standard mode provides higher quality results but takes longer to generate. Fast mode provides average quality results but takes less time to generate.
             * @default standard
             * @example standard
             * @enum {string}
             */
            enhance_prompt_mode?: "standard" | "fast";
        };
        /**
         * BytedanceSeedreamV4TextToImageOutput
         * @example {
         *       "images": [
         *         {
         *           "url": "https://storage.googleapis.com/falserverless/example_outputs/seedream4_t2i_output.png"
         *         }
         *       ],
         *       "seed": 746406749
         *     }
         */
        BytedanceSeedreamV4TextToImageOutput: {
            /**
             * Images
             * @description Generated images
             *
             *     Limits: at least 1 items
             * @example [
             *       {
             *         "url": "https://storage.googleapis.com/falserverless/example_outputs/seedream4_t2i_output.png"
             *       }
             *     ]
             */
            images: components["schemas"]["Image"][];
            /**
             * Seed
             * @description Seed used for generation
             * @example 746406749
             */
            seed: number;
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
        /** ImageSize */
        ImageSize: {
            /**
             * Width
             * @description The width of the generated image.
             *
             *     Limits: between 1024 and 4096
             * @default 512
             */
            width?: number;
            /**
             * Height
             * @description The height of the generated image.
             *
             *     Limits: between 1024 and 4096
             * @default 512
             */
            height?: number;
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