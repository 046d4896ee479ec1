import { getTranslations } from "next-intl/server";
import { oauthSignInAction } from "@/app/(auth)/actions";
import { buttonClasses } from "@/components/ui/button";
import { enabledOAuthProviders } from "@/server/auth/next-auth";

/** One button per provider this installation enables (GitHub, Google, OIDC), or nothing. */
export async function OAuthButtons({ callbackUrl }: { callbackUrl: string }) {
  const providers = enabledOAuthProviders();
  if (providers.length === 0) return null;
  const t = await getTranslations("auth");
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500">
        <span className="h-px flex-1 bg-slate-200" />
        {t("orContinueWith")}
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      {providers.map((provider) => (
        <form key={provider.id} action={oauthSignInAction}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className={`${buttonClasses("secondary")} w-full`}>
            {t("continueWith", { provider: provider.name })}
          </button>
        </form>
      ))}
    </div>
  );
}
