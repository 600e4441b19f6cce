import type { ReactNode } from 'react';
import { cx } from './class-names';

export type TagColour =
  | 'grey'
  | 'green'
  | 'turquoise'
  | 'blue'
  | 'purple'
  | 'pink'
  | 'red'
  | 'orange'
  | 'yellow'
  | 'teal'
  | 'magenta';

/** A GOV.UK tag for a status. Blue is the default colour. */
export function Tag({ colour, children }: { colour?: TagColour; children: ReactNode }) {
  return (
    <strong className={cx('govuk-tag', colour && colour !== 'blue' && `govuk-tag--${colour}`)}>
      {children}
    </strong>
  );
}

export function ActiveTag({ active }: { active: boolean }) {
  return active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>;
}
