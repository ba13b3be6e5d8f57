export interface components {
    schemas: {
        /** CharacterRemixInputV3 */
        IdeogramCharacterRemixInput: {
            /**
             * Image Urls
             * @description A set of images to use as style references (maximum total size 10MB across all style references). The images should be in JPEG, PNG or WebP format
             */
            image_urls?: string[];
            /**
             * Rendering Speed
             * @description The rendering speed to use.
             * @default BALANCED
             * @enum {string}
             */
            rendering_speed?: "TURBO" | "BALANCED" | "QUALITY";
            /**
             * Color Palette
             * @description A color palette for generation, must EITHER be specified via one of the presets (name) or explicitly via hexadecimal representations of the color with optional weights (members)
             */
            color_palette?: components["schemas"]["ColorPalette"];
            /**
             * Style Codes
             * @description A list of 8 character hexadecimal codes representing the style of the image. Cannot be used in conjunction with style_reference_images or style
             */
            style_codes?: string[];
            /**
             * Style
             * @description The style type to generate with. Cannot be used with style_codes.
             * @default AUTO
             * @enum {string}
             */
            style?: "AUTO" | "REALISTIC" | "FICTION";
            /**
             * Expand Prompt
             * @description Determine if MagicPrompt should be used in generating the request or not.
             * @default true
             */
            expand_prompt?: boolean;
            /**
             * Num Images
             * @description Number of images to generate.
             * @default 1
             */
            num_images?: number;
            /**
             * Seed
             * @description Seed for the random number generator
             */
            seed?: number;
            /**
             * Sync Mode
             * @description If True, the media will be returned as a data URI and the output data won't be available in the request history.
             */
            sync_mode?: boolean;
            /**
             * Prompt
             * @description The prompt to remix the image with
             */
            prompt: string;
            /**
             * Image Url
             * @description The image URL to remix
             */
            image_url: string;
            /**
             * Strength
             * @description Strength of the input image in the remix
             * @default 0.8
             */
            strength?: number;
            /**
             * Image Size
             * @description The resolution of the generated image
             *
             *     Allowed values: "square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"
             * @default square_hd
             */
            image_size?: components["schemas"]["ImageSize"] | ("square_hd" | "square" | "portrait_4_3" | "portrait_16_9" | "landscape_4_3" | "landscape_16_9");
            /**
             * Negative Prompt
             * @description Description of what to exclude from an image. Descriptions in the prompt take precedence to descriptions in the negative prompt.
             * @default
             */
            negative_prompt?: string;
            /**
             * Reference Image Urls
             * @description A set of images to use as character references. Currently only 1 image is supported, rest will be ignored. (maximum total size 10MB across all character references). The images should be in JPEG, PNG or WebP format
             *
             *     Limits: at least 1 items
             */
            reference_image_urls: string[];
            /**
             * Reference Mask Urls
             * @description A set of masks to apply to the character references. Currently only 1 mask is supported, rest will be ignored. (maximum total size 10MB across all character references). The masks should be in JPEG, PNG or WebP format
             */
            reference_mask_urls?: string[];
        };
        /** CharacterRemixOutputV3 */
        IdeogramCharacterRemixOutput: {
            /** Images */
            images: components["schemas"]["File"][];
            /**
             * Seed
             * @description Seed used for the random number generator
             */
            seed: number;
        };
        /** ColorPalette */
        ColorPalette: {
            /**
             * Members
             * @description A list of color palette members that define the color palette
             */
            members?: components["schemas"]["ColorPaletteMember"][];
            /**
             * Name
             * @description A color palette preset value
             * @enum {string}
             */
            name?: "EMBER" | "FRESH" | "JUNGLE" | "MAGIC" | "MELON" | "MOSAIC" | "PASTEL" | "ULTRAMARINE";
        };
        /** ColorPaletteMember */
        ColorPaletteMember: {
            /**
             * Rgb
             * @description RGB color value for the palette member
             */
            rgb: components["schemas"]["RGBColor"];
            /**
             * Color Weight
             * @description The weight of the color in the color palette
             * @default 0.5
             */
            color_weight?: number;
        };
        /** File */
        File: {
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
        /** RGBColor */
        RGBColor: {
            /**
             * R
             * @description Red color value
             *
             *     Limits: between 0 and 255
             */
            r?: number;
            /**
             * G
             * @description Green color value
             *
             *     Limits: between 0 and 255
             */
            g?: number;
            /**
             * B
             * @description Blue color value
             *
             *     Limits: between 0 and 255
             */
            b?: number;
        };
    };
}
//# sourceMappingURL=types.d.ts.map