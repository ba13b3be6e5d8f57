export interface components {
    schemas: {
        /**
         * BytedanceSeedreamV3TextToImageInput
         * @example {
         *       "prompt": "Fisheye lens, the head of a cat, the image shows the effect that the facial features of the cat are distorted due to the shooting method.",
         *       "guidance_scale": 2.5,
         *       "num_images": 1,
         *       "enable_safety_checker": true
         *     }
         */
        BytedanceSeedreamV3TextToImageInput: {
            /**
             * Prompt
             * @description The text prompt used to generate the image
             * @example Fisheye lens, the head of a cat, the image shows the effect that the facial features of the cat are distorted due to the shooting method.
             */
            prompt: string;
            /**
             * Image Size
             * @description Use for finer control over the output image size. Will be used over aspect_ratio, if both are provided. Width and height must be between 512 and 2048.
             *
             *     Allowed values: "square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"
             */
            image_size?: components["schemas"]["ImageSize"] | ("square_hd" | "square" | "portrait_4_3" | "portrait_16_9" | "landscape_4_3" | "landscape_16_9");
            /**
             * Guidance Scale
             * @description Controls how closely the output image aligns with the input prompt. Higher values mean stronger prompt correlation.
             * @default 2.5
             * @example 2.5
             */
            guidance_scale?: number;
            /**
             * Num Images
             * @description Number of images to generate
             * @default 1
             * @example 1
             */
            num_images?: number;
            /**
             * Seed
             * @description Random seed to control the stochasticity of image generation.
             */
            seed?: number;
            /**
             * Enable Safety Checker
             * @description If set to true, the safety checker will be enabled.
             * @default true
             * @example true
             */
            enable_safety_checker?: boolean;
            /**
             * Sync Mode
             * @description If True, the media will be returned as a data URI and the output data won't be available in the request history.
             */
            sync_mode?: boolean;
        };
        /**
         * BytedanceSeedreamV3TextToImageOutput
         * @example {
         *       "images": [
         *         {
         *           "url": "https://v3.fal.media/files/rabbit/EJqemc4hQlHKAtkkfTJqB_a2aaccab7ff84740b6323da580146087.png"
         *         }
         *       ],
         *       "seed": 42
         *     }
         */
        BytedanceSeedreamV3TextToImageOutput: {
            /**
             * Images
             * @description Generated images
             * @example [
             *       {
             *         "url": "https://v3.fal.media/files/rabbit/EJqemc4hQlHKAtkkfTJqB_a2aaccab7ff84740b6323da580146087.png"
             *       }
             *     ]
             */
            images: components["schemas"]["Image"][];
            /**
             * Seed
             * @description Seed used for generation
             * @example 42
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
             *     Limits: between 512 and 2048
             * @default 512
             */
            width?: number;
            /**
             * Height
             * @description The height of the generated image.
             *
             *     Limits: between 512 and 2048
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