import { GoPayValidationError } from './errors/GoPayValidationError';

/**
 * Turns the `webRedirectUrl` your backend got from GoPay's payment API into the deeplink
 * `GP.launchPayment` takes: `gopay://merchanttransfer` followed by the URL's query string, kept byte for byte.
 * A `gopay://merchanttransfer…` link is returned as it is.
 * @example toPaymentDeeplink('https://gopay.co.id/app/merchanttransfer?tref=ABC') // 'gopay://merchanttransfer?tref=ABC'
 */
export const toPaymentDeeplink = (webRedirectUrl: string): string => {
  if (typeof webRedirectUrl == 'string' && /^gopay:\/\/merchanttransfer\b/i.test(webRedirectUrl)) return webRedirectUrl;
  const query = typeof webRedirectUrl == 'string' && /^https:\/\/[^?#\s]+(\?[^#\s]+)/i.exec(webRedirectUrl.trim());
  if (!query) {
    throw new GoPayValidationError(
      `webRedirectUrl must be the https URL with a query string that your backend got from GoPay's payment API, got ${JSON.stringify(webRedirectUrl)}.`,
    );
  }
  return 'gopay://merchanttransfer' + query[1];
};
