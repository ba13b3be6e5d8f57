export interface components {
    schemas: {
        /**
         * QwenImageInput
         * @example {
         *       "prompt": "Mount Fuji with cherry blossoms in the foreground, clear sky, peaceful spring day, soft natural light, realistic landscape.",
         *       "image_size": "landscape_4_3",
         *       "num_inference_steps": 30,
         *       "guidance_scale": 2.5,
         *       "num_images": 1,
         *       "enable_safety_checker": true,
         *       "output_format": "png",
         *       "negative_prompt": "blurry, ugly",
         *       "acceleration": "none"
         *     }
         */
        QwenImageInput: {
            /**
             * Prompt
             * @description The prompt to generate the image with
             * @example Mount Fuji with cherry blossoms in the foreground, clear sky, peaceful spring day, soft natural light, realistic landscape.
             */
            prompt: string;
            /**
             * Image Size
             * @description The size of the generated image.
             *
             *     Allowed values: "square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"
             * @default landscape_4_3
             * @example landscape_4_3
             */
            image_size?: components["schemas"]["ImageSize"] | ("square_hd" | "square" | "portrait_4_3" | "portrait_16_9" | "landscape_4_3" | "landscape_16_9");
            /**
             * Num Inference Steps
             * @description The number of inference steps to perform.
             * @default 30
             * @example 30
             */
            num_inference_steps?: number;
            /**
             * Seed
             * @description The same seed and the same prompt given to the same version of the model will output the same image every time.
             */
            seed?: number;
            /**
             * Guidance Scale
             * @description The CFG (Classifier Free Guidance) scale is a measure of how close you want the model to stick to your prompt when looking for a related image to show you.
             * @default 2.5
             * @example 2.5
             */
            guidance_scale?: number;
            /**
             * Sync Mode
             * @description If True, the media will be returned as a data URI and the output data won't be available in the request history.
             */
            sync_mode?: boolean;
            /**
             * Num Images
             * @description The number of images to generate.
             * @default 1
             * @example 1
             */
            num_images?: number;
            /**
             * Enable Safety Checker
             * @description If set to true, the safety checker will be enabled.
             * @default true
             * @example true
             */
            enable_safety_checker?: boolean;
            /**
             * Output Format
             * @description The format of the generated image.
             * @default png
             * @example png
             * @enum {string}
             */
            output_format?: "jpeg" | "png";
            /**
             * Negative Prompt
             * @description The negative prompt for the generation
             * @default
             * @example blurry, ugly
             */
            negative_prompt?: string;
            /**
             * Acceleration
             * @description Acceleration level for image generation. Options: 'none', 'regular', 'high'. Higher acceleration increases speed. 'regular' balances speed and quality. 'high' is recommended for images without text.
             * @default none
             * @example none
             * @enum {string}
             */
            acceleration?: "none" | "regular" | "high";
            /**
             * Loras
             * @description The LoRAs to use for the image generation. You can use up to 3 LoRAs and they will be merged together to generate the final image.
             *
             *     Limits: at most 3 items
             */
            loras?: components["schemas"]["LoraWeight"][];
        };
        /**
         * QwenImageOutput
         * @example {
         *       "images": [
         *         {
         *           "height": 768,
         *           "content_type": "image/jpeg",
         *           "url": "https://v3.fal.media/files/rabbit/KoIbq6nhDBDPxDQrivW-m.png",
         *           "width": 1024
         *         }
         *       ],
         *       "prompt": ""
         *     }
         */
        QwenImageOutput: {
            /**
             * Images
             * @description The generated image files info.
             * @example [
             *       {
             *         "height": 768,
             *         "content_type": "image/jpeg",
             *         "url": "https://v3.fal.media/files/rabbit/KoIbq6nhDBDPxDQrivW-m.png",
             *         "width": 1024
             *       }
             *     ]
             */
            images: components["schemas"]["Image"][];
            /** Timings */
            timings: components["schemas"]["Timings"];
            /**
             * Seed
             * @description Seed of the generated Image. It will be the same value of the one passed in the input or the randomly generated that was used in case none was passed.
             */
            seed: number;
            /**
             * Has Nsfw Concepts
             * @description Whether the generated images contain NSFW concepts.
             */
            has_nsfw_concepts: boolean[];
            /**
             * Prompt
             * @description The prompt used for generating the image.
             * @example
             */
            prompt: string;
        };
        /** Image */
        Image: {
            /** Url */
            url: string;
            /** Width */
            width: number;
            /** Height */
            height: number;
            /**
             * Content Type
             * @default image/jpeg
             */
            content_type?: string;
        };
        /** ImageSize */
        ImageSize: {
            /**
             * Width
             * @description The width of the generated image.
             * @default 512
             */
            width?: number;
            /**
             * Height
             * @description The height of the generated image.
             * @default 512
             */
            height?: number;
        };
        /** LoraWeight */
        LoraWeight: {
            /**
             * Path
             * @description URL or the path to the LoRA weights.
             */
            path: string;
            /**
             * Scale
             * @description The scale of the LoRA weight. This is used to scale the LoRA weight before merging it with the base model.
             * @default 1
             */
            scale?: number;
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
        /** Timings */
        Timings: {
            [key: string]: number;
        };
    };
}
//# sourceMappingURL=types.d.ts.map