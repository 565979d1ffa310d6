// The mock's development credentials and keys: PUBLIC, published in the docs, and good for nothing but this mock
// (like a local chain's well-known test accounts). They are constants, not generated, so that a merchant's .env keeps
// working across restarts of the mock and in every process. Never use them, or anything signed with them, against
// Midtrans or GoPay. `createMockGoPayServer({ merchant })` replaces the merchant's.
import type { MockMerchant } from './types';

/** The merchant's RSA key (PKCS#8): the half the merchant signs the SNAP access-token request with. */
const MERCHANT_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCRmssuwOqg9AcC
Vu/6/ANx1kSWUudcsoRlUTBX2IsalWQGWJAkMTV1MJzjO3ghXm9v0z9VA97D7hPs
Ob7PJjVOUWTev1RCpXEzv+b1iKTo9qfVBSnsUdzxfIem519RW1gJBsd8U0uMl/Kq
f779VSnA8FeeO/N65uuziUCjkH5avnVaHMpUKIn2u+EbO7rxA73sqv5AYnCAV5aR
0kphrbcVhcyNCYhZb7ILrlYChtLbbM5KHFq5S2hT94GD2NobrI6flwPN6CB9glRl
skXehXf2FRVjv0WX87GM7iYhv8ewSUSuY6sB/NqXn+PGDzS3qyznnVyBSmvS56Qk
nfEf4MwdAgMBAAECggEAH8FHsNGoGiQ+Zxc4zV8rDSey26oHBWN1lncnePEkHU8Z
enzUKuCEjSNmA/TTVUu4OAY1WMA4VDjXJXzOjXUCySrdOes2YDaewq+GmmQLuzcY
EVBH/V85NX14REFPu3mVcJqG5SlxX58/8EleCPgK3CZOpZbjmhlErGoxq7p2pClz
STiQnOCcMSeTr8E9RtrI9PR7Pu0MWDJl77QeFLyaWXaz0jrgOIhkiOkHwo8QEbri
Hihp59VbQvL7cmaHp/15JbYmp0VYKGhOyM8oRl/9AUbE3H77C1fDMSFL7mtlXr6W
nN1Uk6ZBSXeeKQ+uxEkJHfH3IfgyIqHun2vq1xSOYQKBgQDFJIczveM7F7o6mAx8
/dFCy64Cz4y/o8HqybdlKuvxINJ12aRK2Wojn5Bqm/sFzCOK1RGkS1jfKns4HfHh
F0UTd7xRQYJnIaO8Ihs7qDChSiOsikvP2o7vuGGeB80JvCXHcaiCVlsjqOGYzx9k
CZ7PQqra4k0ejL7+FTRs6UZaBQKBgQC9E0B6kQTT5jqJxwg/3WFyVtsy3hqJDy/9
GFzY1xCY8dV4wCKxe8ij6PILN7ZdKAWd7JrymwY8bSqR++NjuIgO+IKx4M+x6ZJq
m20Jk2jR/f8poyFUNHNYTSbnf+1D2k/ZGAz3wZfrITxbLf9h/cXqR+GGgwrpiBHO
yH5OaLqNOQKBgBDgIZqyRINIcq6VWWxRpdob6VdgQOIeuHjKr6I/XFcVwi5IZSHr
HoTSIeCeXYyPfvNhbdMsh/0Ce+2/0na8MTOLalliTDFb1dJC8SXYLeGAoTEh3X97
bATlOaX3cPvGWU2LUytlDQQubrFP+ZXspOWFBW8bNBLLZYYGdqhkB5upAoGBAKfN
FTVxzLoOorcyN8UOQXSLVyBu81febbWOUKB1RhqmzdDLnD6t3+RwUZfZCvTkFxAQ
M3fKU59/Nv+2cBlJZR78OGmLXmjEJZiNdhjAhY+Qf0tBpsunfRLJ7hQYecb1UlYW
PTQI0T3xEjLNwNADvAlvX9zUIfQeOceuMkJ+OcopAoGAYky6VIGMODMxG9Gfjzav
8RcD1QANpTQFHhDL557eeMNFXEsqMpNEIUjUW38efrCiDopS9yBLPhbfPy71DNpz
QcHIRqd0ChJokdHcw6l2x0gQmNQi2ndN3q3+RTwIx8fIYoLHLPDDdzXcHbdrtl0U
+E70LEExH1sueiZfxD6hE/Q=
-----END PRIVATE KEY-----
`;

/** Its public half, which the mock verifies those signatures with (GoPay keeps the one the merchant uploads). */
export const DEV_MERCHANT_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAkZrLLsDqoPQHAlbv+vwD
cdZEllLnXLKEZVEwV9iLGpVkBliQJDE1dTCc4zt4IV5vb9M/VQPew+4T7Dm+zyY1
TlFk3r9UQqVxM7/m9Yik6Pan1QUp7FHc8XyHpudfUVtYCQbHfFNLjJfyqn++/VUp
wPBXnjvzeubrs4lAo5B+Wr51WhzKVCiJ9rvhGzu68QO97Kr+QGJwgFeWkdJKYa23
FYXMjQmIWW+yC65WAobS22zOShxauUtoU/eBg9jaG6yOn5cDzeggfYJUZbJF3oV3
9hUVY79Fl/OxjO4mIb/HsElErmOrAfzal5/jxg80t6ss551cgUpr0uekJJ3xH+DM
HQIDAQAB
-----END PUBLIC KEY-----
`;

/** The mock's notification key (Midtrans's own private key in production): it signs every payment notification. */
export const DEV_NOTIFICATION_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDdw/93n7UkauM2
xg5xDgNQxyfGoV4J3Vz+q1mdiBIKml2V4DbuO+akqOtd9VVZ7/L9Er+xqQw1stSX
T2x0EtOyvKT5z6zxj4lyUn6ZT7FBdYq2wsYPf+POXzH9EPCEfRBVnDlk8NXyz6HK
44zCpTbss5dVbVnZIM9f6yOp9ixCjro8APBXCR86c9/XmYyv4xQ0q53n3tlfdN8A
DXCmoSJvwjRIrcI723B49nEhR7eQywJW8sj43sz/LDPNaLz0XIT8NGaBYdFbcoLP
wAP3UTAu9dV/i6YePs+ykhUPpx91Y1GS9bcuYYeHcmyyhWhefawoE38VHqWoxjdX
2GeNO+GTAgMBAAECggEAI3PK6mfIwJqp2j7NXjt8QjSkYje33eHalQf1mp5/K9zD
q0sd3PYMiDRM9EddLrSSZuzRYmiBADCnlcznrKK53zATO7B8mF12/qS7gmzgDHPr
Cg6XNTEfzQUg67ECkluf+d+wuTdbLKcO2W2JOjDJWAvZ3JlPrMt2+4GOwQQOzVDR
loqu9kXJquW8QTNB0gFx71eTaURVrMiT2xToC/3PYU54P3ledNLEwAY9wZCHx07K
lYE4eoe51+5xmnD0RhPLtH+JESJnF26RYZMfadN0EE5VZT99+Rgqjy6bPIsEX1eg
sZL3S1A7GumZ0WZT14KR9QD6co8gne270boIBD3UuQKBgQD9kFAZjn8udVpgAeab
QYb5hNdinzMV7mCX9BRcvTSxYzdLEQhZQi9Zml5yzV/aRIAypcBF4Lrj063/+0bg
BbeqYPJBbYX+z78psykMcL3i8CC5gHDmlOyiuNaBB77bqaYzvnqdl3TupxC0UXlv
cE7s1xerZwpbNOZ67D72amhfZQKBgQDf5Xi/46rObDi5D9ctzWEEW+JWF6MddJdz
WtQtt5StFOcjOedJf70bLM8GeBxRHxMUMv9+SWtr4Naw51oqwVc7HY/CZRFBT6xj
iq3cvys87djOZx/yhE77tQTY1bAwlOIiRatvP/95jEkSitN/l79v12Y6XW5zInli
21FEziPZlwKBgGi6+6qipbtNs2dmQZas6RAUo1XTxajwTatVoDdx2trNzR/PSDB9
2srarNokI8wmcQD6X0E9glPpsbvCUNLk6aiQ5F7L2wWVTzLtEi5WPsgGQK399CP5
LQhE6ixfQ6C9IK3Mph6DWUPdc1PXNx4lOCQw71DXfXqQjgYFoDftWXDVAoGAIZ0C
ztQwPYNT1LzDElZGHXBp/4DW9UIexqu5NQ/dm0qLFOfJiGhMDLtibVc08RzYMW0i
nGQLY4vCz5Y8HDUgknhyr72apJKAkAUu6vgsVp5isUIcMr2YWgOoMaGLLQ/9DyYk
gbQ695WPFuCOthYjIHhXGaYTQefID4ZbohfMnAsCgYEArkINPM9+yxChBzIynKGJ
TqHwY6F+p43+k5ZaBSKCEUJqPMtvaanMz46O7Cik0LpE8wsqzJtqYaE80nqb3wFo
QMriQq+/WxfGljH7lBNHQQG+0SiPjwp1YZIibJor9MIdQ3emXzYXERcGvYuJmZVR
wXnveuV4pMpoFT1xxcHZb2c=
-----END PRIVATE KEY-----
`;

/** What the merchant verifies notifications with (`GOPAY_NOTIFICATION_PUBLIC_KEY`). */
export const DEV_NOTIFICATION_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3cP/d5+1JGrjNsYOcQ4D
UMcnxqFeCd1c/qtZnYgSCppdleA27jvmpKjrXfVVWe/y/RK/sakMNbLUl09sdBLT
sryk+c+s8Y+JclJ+mU+xQXWKtsLGD3/jzl8x/RDwhH0QVZw5ZPDV8s+hyuOMwqU2
7LOXVW1Z2SDPX+sjqfYsQo66PADwVwkfOnPf15mMr+MUNKud597ZX3TfAA1wpqEi
b8I0SK3CO9twePZxIUe3kMsCVvLI+N7M/ywzzWi89FyE/DRmgWHRW3KCz8AD91Ew
LvXVf4umHj7PspIVD6cfdWNRkvW3LmGHh3JssoVoXn2sKBN/FR6lqMY3V9hnjTvh
kwIDAQAB
-----END PUBLIC KEY-----
`;

/**
 * The development merchant. `partnerId` differs from `clientId` as Midtrans's do (X-PARTNER-ID is its own
 * credential); `merchantId` has Midtrans's shape (G + 9 digits); the PoP ID is a UUID, as GoPay hands them out.
 */
export const DEV_MERCHANT: Readonly<MockMerchant> = Object.freeze({
  // base64('mock-merchant-dev:3tpuspLWOA66kOne6T2FiK1B7gZDfPdVQEnX8BLx6yg91C9U'), the shape of GoPay's emailed credential.
  credentials: 'bW9jay1tZXJjaGFudC1kZXY6M3RwdXNwTFdPQTY2a09uZTZUMkZpSzFCN2daRGZQZFZRRW5YOEJMeDZ5ZzkxQzlV',
  clientId: '9a1de5a4-f828-4352-8db5-ff3396fde5c9',
  partnerId: 'MOCK-PARTNER-DEV',
  clientSecret: 'Zzxw2MXlg7WXOv-3N76xnSY6FJzjwEsc',
  privateKey: MERCHANT_PRIVATE_KEY,
  merchantId: 'G000000001',
  pointOfPurchaseId: 'c8237104-54e9-4f14-a825-d48974c2c40b',
});
