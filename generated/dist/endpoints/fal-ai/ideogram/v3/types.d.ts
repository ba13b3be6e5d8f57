export interface components {
    schemas: {
        /**
         * IdeogramV3Input
         * @example {
         *       "rendering_speed": "BALANCED",
         *       "expand_prompt": true,
         *       "num_images": 1,
         *       "prompt": "The Bone Forest stretched across the horizon, its trees fashioned from the ossified remains of ancient leviathans that once swam through the sky. Shamans with antlers growing from their shoulders and eyes that revealed the true nature of any being they beheld conducted rituals to commune with the spirits that still inhabited the calcified grove. In sky writes \"Ideogram V3 in fal.ai\"",
         *       "image_size": "square_hd"
         *     }
         */
        IdeogramV3Input: {
            /**
             * Image Urls
             * @description A set of images to use as style references (maximum total size 10MB across all style references). The images should be in JPEG, PNG or WebP format
             */
            image_urls?: string[];
            /**
             * Rendering Speed
             * @description The rendering speed to use.
             * @default BALANCED
             * @example BALANCED
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
             * @enum {string}
             */
            style?: "AUTO" | "GENERAL" | "REALISTIC" | "DESIGN";
            /**
             * Expand Prompt
             * @description Determine if MagicPrompt should be used in generating the request or not.
             * @default true
             * @example true
             */
            expand_prompt?: boolean;
            /**
             * Num Images
             * @description Number of images to generate.
             * @default 1
             * @example 1
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
             * Style Preset
             * @description Style preset for generation. The chosen style preset will guide the generation.
             * @enum {string}
             */
            style_preset?: "80S_ILLUSTRATION" | "90S_NOSTALGIA" | "ABSTRACT_ORGANIC" | "ANALOG_NOSTALGIA" | "ART_BRUT" | "ART_DECO" | "ART_POSTER" | "AURA" | "AVANT_GARDE" | "BAUHAUS" | "BLUEPRINT" | "BLURRY_MOTION" | "BRIGHT_ART" | "C4D_CARTOON" | "CHILDRENS_BOOK" | "COLLAGE" | "COLORING_BOOK_I" | "COLORING_BOOK_II" | "CUBISM" | "DARK_AURA" | "DOODLE" | "DOUBLE_EXPOSURE" | "DRAMATIC_CINEMA" | "EDITORIAL" | "EMOTIONAL_MINIMAL" | "ETHEREAL_PARTY" | "EXPIRED_FILM" | "FLAT_ART" | "FLAT_VECTOR" | "FOREST_REVERIE" | "GEO_MINIMALIST" | "GLASS_PRISM" | "GOLDEN_HOUR" | "GRAFFITI_I" | "GRAFFITI_II" | "HALFTONE_PRINT" | "HIGH_CONTRAST" | "HIPPIE_ERA" | "ICONIC" | "JAPANDI_FUSION" | "JAZZY" | "LONG_EXPOSURE" | "MAGAZINE_EDITORIAL" | "MINIMAL_ILLUSTRATION" | "MIXED_MEDIA" | "MONOCHROME" | "NIGHTLIFE" | "OIL_PAINTING" | "OLD_CARTOONS" | "PAINT_GESTURE" | "POP_ART" | "RETRO_ETCHING" | "RIVIERA_POP" | "SPOTLIGHT_80S" | "STYLIZED_RED" | "SURREAL_COLLAGE" | "TRAVEL_POSTER" | "VINTAGE_GEO" | "VINTAGE_POSTER" | "WATERCOLOR" | "WEIRD" | "WOODBLOCK_PRINT";
            /**
             * Prompt
             * @example The Bone Forest stretched across the horizon, its trees fashioned from the ossified remains of ancient leviathans that once swam through the sky. Shamans with antlers growing from their shoulders and eyes that revealed the true nature of any being they beheld conducted rituals to commune with the spirits that still inhabited the calcified grove. In sky writes "Ideogram V3 in fal.ai"
             */
            prompt: string;
            /**
             * Image Size
             * @description The resolution of the generated image
             *
             *     Allowed values: "square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"
             * @default square_hd
             * @example square_hd
             */
            image_size?: components["schemas"]["ImageSize"] | ("square_hd" | "square" | "portrait_4_3" | "portrait_16_9" | "landscape_4_3" | "landscape_16_9");
            /**
             * Negative Prompt
             * @description Description of what to exclude from an image. Descriptions in the prompt take precedence to descriptions in the negative prompt.
             * @default
             */
            negative_prompt?: string;
        };
        /**
         * IdeogramV3Output
         * @example {
         *       "images": [
         *         {
         *           "url": "https://v3.fal.media/files/penguin/lHdRabS80guysb8Zw1kul_image.png"
         *         }
         *       ],
         *       "seed": 123456
         *     }
         */
        IdeogramV3Output: {
            /**
             * Images
             * @example [
             *       {
             *         "url": "https://v3.fal.media/files/penguin/lHdRabS80guysb8Zw1kul_image.png"
             *       }
             *     ]
             */
            images: components["schemas"]["File"][];
            /**
             * Seed
             * @description Seed used for the random number generator
             * @example 123456
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