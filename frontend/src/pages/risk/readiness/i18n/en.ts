// English texts of the readiness pages: the same keys as zh-CN.ts.
import type { Messages } from './zh-CN'

const en: Messages = {
  readiness: {
    title: 'Readiness',
    subtitle: 'Before a peak event, every store prepares item by item from the risks’ response measures.',
    new: 'New readiness event',
    event: 'Event',
    fields: { name: 'Event name', event_date: 'Event date', risks: 'Risks' },
    nameRequired: 'Enter the event name',
    dateRequired: 'Choose the event date',
    risksRequired: 'Choose at least one risk',
    created: 'Checklists generated for every store',
    completion: 'Completion per store',
    done: 'Done',
    perStore: '{done}/{total} items',
    store: 'Store',
    percent: 'Completion',
    noEvents: 'No readiness events yet',
    checklist: "This store's checklist",
    ticked: 'Ticked',
    note: 'Note (optional)',
    doneBy: 'Done by {name} at {at}',
    eventOn: 'Event on {date}',
  },
}

export default en
