import QRCode from 'qrcode';

// The join address as a QR code. `qrcode` (soldair/node-qrcode, MIT, maintained since 2012, no
// runtime dependencies in the browser build) makes the SVG; it is shown as a data: image,
// which the CSP allows, so no markup from it ever enters the page.

export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, {
    type: 'svg',
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark: '#000000', light: '#ffffff' },
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
