export interface components {
    schemas: {
        /** BYOKImageEditRequest */
        GptImage1EditImageByokInput: {
            /**
             * Image Urls
             * @description The URLs of the images to use as a reference for the generation.
             *
             *     Limits: at least 1 items
             */
            image_urls: string[];
            /**
             * Prompt
             * @description The prompt to edit the image from.
             */
            prompt: string;
            /**
             * Image Size
             * @description The size of the image to generate.
             * @default auto
             * @enum {string}
             */
            image_size?: "auto" | "1024x1024" | "1536x1024" | "1024x1536";
            /**
             * Num Images
             * @description The number of images to generate.
             * @default 1
             */
            num_images?: number;
            /**
             * Quality
             * @description The quality of the image to generate.
             * @default auto
             * @enum {string}
             */
            quality?: "auto" | "low" | "medium" | "high";
            /**
             * Input Fidelity
             * @description How hard to try to preserve distinctive features from the input.
             * @default low
             * @enum {string}
             */
            input_fidelity?: "low" | "high";
            /**
             * Openai Api Key
             * @description The OpenAI API key to use for the image generation. This endpoint is currently powered by bring-your-own-key system.
             */
            openai_api_key: string;
        };
        /** ImageEditResponseBYOK */
        GptImage1EditImageByokOutput: {
            /**
             * Images
             * @description The edited images.
             */
            images: components["schemas"]["Image"][];
            /**
             * Usage
             * @description The usage details for the image generation.
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