// Image sets as they cross the grader-solution boundary: bytes 0..255 in NHWC order, exactly as
// the data layer loads them (structured-cloneable; the solution scales them itself). Each contract
// names them for its data and documents their shapes ([n, 28, 28, 1] Fashion-MNIST, [n, 32, 32, 3]
// CIFAR-10 ...).

/** images [n * H * W * C] bytes, shape [n, H, W, C]. */
export interface ImageBytes {
  images: Uint8Array;
  shape: [number, number, number, number];
}

/** The same with labels [n], class ids 0..classes-1. */
export interface LabelledImageBytes extends ImageBytes {
  labels: Int32Array;
}
