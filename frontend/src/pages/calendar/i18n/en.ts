// English texts of the holidays-and-events calendar: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  calendar: {
    title: 'Holidays and events',
    subtitle: "The forecast learns and plans the effect of holidays and events on sales from these dates; entries with one name across years are one event.",
    readOnlyHint: 'Head office keeps the holidays and events; read-only here.',
    create: 'Add entry',
    editTitle: 'Change entry',
    created: 'Entry added',
    removed: 'Entry removed',
    taken: 'An entry of this name already starts on this day',
    name: 'Name',
    kind: 'Kind',
    kinds: { holiday: 'Public holiday', event: 'Event' },
    allKinds: 'All kinds',
    dates: 'Dates',
    startsOn: 'First day',
    endsOn: 'Last day',
    days: 'Days',
    daysN: '{n} d',
    note: 'Note',
    previousYear: 'Previous year',
    nextYear: 'Next year',
    year: 'Year',
    searchPlaceholder: 'Search by name',
    remove: 'Remove',
    confirmRemove: 'Remove “{name}” ({from} to {to})? The forecast will no longer count these days.',
    endBeforeStart: 'The last day cannot be before the first',
    tooLong: 'An entry covers at most 31 days',
  },
}

export default en
