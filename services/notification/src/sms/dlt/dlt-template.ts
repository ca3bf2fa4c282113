import { z } from 'zod';

/**
 * TRAI's content template categories. Notifications about a worker's own report are service
 * messages the worker asked for (service-implicit); promotional ones go to DND-filtered numbers
 * only in daytime and are never used here.
 */
export const DLT_CATEGORIES = ['transactional', 'service-implicit', 'service-explicit', 'promotional'] as const;
export type DltCategory = (typeof DLT_CATEGORIES)[number];

// DLT platforms issue 19-digit principal entity and content template ids.
const DLT_ID = /^\d{19}$/;
// Headers (sender ids) are 6 characters: letters for service and transactional, digits for promotional.
const SERVICE_HEADER = /^[A-Za-z]{6}$/;
const PROMOTIONAL_HEADER = /^\d{6}$/;

export const dltTemplateSchema = z
  .strictObject({
    templateId: z.string().regex(DLT_ID, 'is a 19-digit DLT content template id'),
    entityId: z.string().regex(DLT_ID, 'is a 19-digit DLT principal entity id'),
    header: z.string(),
    category: z.enum(DLT_CATEGORIES),
    /** Exactly as registered on the DLT portal, `{#var#}` for each variable part. */
    text: z.string().min(1).max(2000),
    /** What the registration is for, for people reading the registry. */
    description: z.string().max(200).optional(),
  })
  .superRefine((template, context) => {
    const pattern = template.category === 'promotional' ? PROMOTIONAL_HEADER : SERVICE_HEADER;
    if (!pattern.test(template.header)) {
      const rule = template.category === 'promotional' ? '6 digits' : '6 letters';
      context.addIssue({ code: 'custom', path: ['header'], message: `a ${template.category} header is ${rule}` });
    }
  });

export type DltTemplate = z.infer<typeof dltTemplateSchema>;
