import { z } from 'zod';

/**
 * A Bitrix24 message attachment (ATTACH) in its full form: `{ ID, COLOR_TOKEN, BLOCKS }`, each
 * block an object with one key naming its type (api-reference/chat-bots/chat-bots-v2/imbot.v2/
 * messages/attachments). The bot uses text, delimiter and GRID blocks.
 */
const colorToken = z.enum(['primary', 'secondary', 'alert', 'base']);

export const gridItemSchema = z.object({
  DISPLAY: z.enum(['BLOCK', 'LINE', 'ROW', 'TABLE']),
  NAME: z.string().optional(),
  VALUE: z.string().optional(),
  WIDTH: z.number().int().positive().optional(),
  COLOR_TOKEN: colorToken.optional(),
});
export type GridItem = z.infer<typeof gridItemSchema>;

export const attachBlockSchema = z.union([
  z.object({ MESSAGE: z.string() }).strict(),
  z.object({ GRID: z.array(gridItemSchema).min(1) }).strict(),
  z
    .object({ DELIMITER: z.object({ SIZE: z.number().int().positive(), COLOR: z.string() }) })
    .strict(),
]);
export type AttachBlock = z.infer<typeof attachBlockSchema>;

export const attachSchema = z.object({
  ID: z.number().int().positive(),
  COLOR_TOKEN: colorToken.optional(),
  BLOCKS: z.array(attachBlockSchema).min(1),
});
export type ChatAttach = z.infer<typeof attachSchema>;
