// The browser's real equivalents of a few JSAPIs, used with `browserApis: true` so local development feels real.
// Each returns undefined (and the mock falls back to its fixtures) when the browser lacks the API or refuses.

/** Runs `fn`, turning a missing API, a refusal or a throw into `undefined`. */
export async function tryBrowser<T>(fn: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch {
    return undefined;
  }
}

export function browserLocation() {
  return new Promise<{ latitude: number; longitude: number; time: number }>((resolve, reject) =>
    navigator.geolocation.getCurrentPosition(
      ({ coords, timestamp }) => resolve({ latitude: coords.latitude, longitude: coords.longitude, time: timestamp }),
      reject,
      { timeout: 10_000 },
    ),
  );
}

/** A file `<input capture>`: the phone's camera on mobile browsers, a file picker on desktop. */
export function browserPhoto(camera: boolean, needBase64: boolean) {
  return new Promise<{ localPath: string; base64Data?: string }>((resolve, reject) => {
    const input = Object.assign(document.createElement('input'), { type: 'file', accept: 'image/*' });
    if (camera) input.setAttribute('capture', 'environment');
    input.addEventListener('cancel', reject);
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return reject(new Error('no file'));
      const localPath = URL.createObjectURL(file);
      if (!needBase64) return resolve({ localPath });
      const reader = new FileReader();
      reader.onload = () => resolve({ localPath, base64Data: String(reader.result).split(',')[1] });
      reader.onerror = reject;
      reader.readAsDataURL(file);
    });
    input.click();
  });
}
