/**
 * Removes an `<img>` left without a `src` (the sanitiser drops `data:` and
 * `javascript:` sources): an image with no source is invalid HTML and shows nothing.
 */
import type { Root, Element, ElementContent } from 'hast';

function clean(children: ElementContent[]): ElementContent[] {
  return children
    .filter((child) => !(child.type === 'element' && child.tagName === 'img' && !child.properties.src))
    .map((child) => {
      if (child.type === 'element') (child as Element).children = clean(child.children);
      return child;
    });
}

export default function rehypeDropSourcelessImages() {
  return (tree: Root) => {
    tree.children = tree.children
      .filter((child) => !(child.type === 'element' && child.tagName === 'img' && !child.properties.src))
      .map((child) => {
        if (child.type === 'element') child.children = clean(child.children);
        return child;
      });
  };
}
