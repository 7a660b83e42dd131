// A file dropped anywhere on the window is taken like one opened with the screen's picker (the
// library's .evident files, the import screen's articles). Returns the function that stops listening.
export function listenForFileDrop(handlers: { dragging: (over: boolean) => void; dropped: (file: File) => void }): () => void {
  const over = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    handlers.dragging(true);
  };
  const leave = (event: DragEvent) => {
    if (event.relatedTarget === null) handlers.dragging(false);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    handlers.dragging(false);
    const file = event.dataTransfer?.files[0];
    if (file) handlers.dropped(file);
  };
  window.addEventListener('dragover', over);
  window.addEventListener('dragleave', leave);
  window.addEventListener('drop', drop);
  return () => {
    window.removeEventListener('dragover', over);
    window.removeEventListener('dragleave', leave);
    window.removeEventListener('drop', drop);
  };
}
