import { checkString, invalid } from './checks';

/**
 * Turns the `webRedirectUrl` your backend got from GoPay's payment API into the deeplink
 * `GP.launchPayment` takes: `gopay://merchanttransfer` followed by the URL's query string, kept byte for byte.
 * A `gopay://merchanttransfer…` link is returned as it is.
 * @example toPaymentDeeplink('https://gopay.co.id/app/merchanttransfer?tref=ABC') // 'gopay://merchanttransfer?tref=ABC'
 */
export function toPaymentDeeplink(webRedirectUrl: string): string {
  const url = checkString(webRedirectUrl, 'webRedirectUrl').trim();
  return /^gopay:\/\/merchanttransfer\b/i.test(url)
    ? url
    : 'gopay://merchanttransfer' +
        (/^https:\/\/[^?#\s]+(\?[^#\s]+)/i.exec(url) || invalid('webRedirectUrl', 'an https URL with a query', url))[1];
}
