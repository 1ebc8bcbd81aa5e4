/**
 * Whether a target is the real Alibaba Cloud service, the only place the user's own keys may go.
 *
 * An RPC (v2) signature does not cover the host: any endpoint that receives a request signed with real
 * keys can replay it to the real service within its validity window. So real keys are for hosts under
 * `aliyuncs.com` (public `ecs.<region>.aliyuncs.com`, `ecs.aliyuncs.com`, and the VPC forms
 * `ecs-vpc.<region>.aliyuncs.com`) over HTTPS only: over plain HTTP whoever answers for that name on the
 * path (a spoofed resolver, a proxy) gets the signed requests just the same.
 */
export function isAlibabaCloudEndpoint(target: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return host.endsWith('.aliyuncs.com');
}
