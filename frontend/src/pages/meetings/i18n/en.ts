// English texts of the team meeting pages: the same keys as zh-CN.ts beside this file.
import type { Messages } from './zh-CN'

const en: Messages = {
  meetings: {
    title: 'Team meetings',
    subtitle: 'Minutes of store and department meetings: who attended, the notes, and action items that become tasks.',
    new: 'Record a meeting',
    newTitle: 'Record a team meeting',
    saved: 'Meeting recorded; its action items are tasks now',
    details: 'Details',
    back: 'Back to meetings',
    wholeStore: 'Whole store',
    none: 'No meetings yet',
    from: 'From',
    to: 'To',
    kinds: { briefing: 'Pre-shift briefing', weekly: 'Weekly meeting', monthly: 'Monthly meeting', special: 'Special meeting' },
    fields: {
      held_on: 'Date',
      kind: 'Kind',
      title: 'Topic',
      department_code: 'Department',
      chair: 'Chair',
      attendees: 'Attendees',
      notes: 'Notes',
      items: 'Action items',
      attendee_count: 'Attended',
      item_count: 'Items',
      open_item_count: 'Open',
      created_by_name: 'Recorded by',
    },
    item: {
      add: 'Add an action item',
      remove: 'Remove action item {n}',
      title: 'Action item {n}',
      what: 'What is to be done',
      owner: 'Owner',
      department: 'Owning department',
      due_on: 'Due date',
      task: 'Task',
      openTask: 'Open the task',
      noStatus: 'Task deleted',
      none: 'No action items',
    },
    counts: '{attendees} attended · {items} action items',
    openCount: '{n} open',
    titleRequired: 'Give the meeting a topic',
    attendeesRequired: 'Choose at least one attendee',
    itemTitleRequired: 'Say what is to be done',
    ownerRequired: 'Choose an owner or a department',
  },
}

export default en
