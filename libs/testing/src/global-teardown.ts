export default async function globalTeardown(): Promise<void> {
  await globalThis.__CC_TEST_INFRA__?.stop();
}
