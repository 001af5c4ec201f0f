// English texts of the audit log page: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  audit: {
    title: 'Audit log',
    at: 'Time',
    actor: 'By',
    action: 'Action',
    entityType: 'Entity type',
    entityId: 'Entity id',
    store: 'Store',
    requestId: 'Request id',
    before: 'Before',
    after: 'After',
    dateRange: 'Dates',
    from: 'From',
    to: 'To',
    allStores: 'All stores',
    nothing: '(none)',
    // What audit entries' codes (action, entity_type) say in words; an unknown code shows as it is.
    actions: {
      equipment: {
        create: 'Equipment registered',
        update: 'Equipment changed',
      },
      temperature_alert: {
        open: 'Temperature alert opened',
        close: 'Temperature alert closed',
      },
      risk: {
        create: 'Risk added',
        update: 'Risk changed',
      },
      incident: {
        create: 'Incident logged',
      },
      readiness: {
        create: 'Readiness event created',
        complete: 'Readiness item ticked',
      },
      task: {
        assign: 'Task assigned',
        complete: 'Task completed',
      },
      task_template: {
        create: 'Task template added',
        update: 'Task template changed',
      },
      task_capacity: {
        set: 'Department task capacity set',
      },
      user: {
        create: 'User created',
        update: 'User changed',
        reset_password: 'Password reset',
        change_password: 'Own password changed',
      },
      store: {
        create: 'Store created',
        update: 'Store changed',
        departments: 'Store departments set',
      },
      department: {
        create: 'Department created',
      },
      product: {
        create: 'Product created',
        update: 'Product changed',
        import: 'Products imported',
      },
      recall: {
        create: 'Recall started',
      },
      feed: {
        sales: 'Sales uploaded',
        receipts: 'Receipts uploaded',
        labour: 'Labour uploaded',
        expenses: 'Expenses uploaded',
      },
      budget: {
        create: 'Budget set',
        copy: 'Budget copied from last month',
        update: 'Budget changed',
      },
      stocktake: {
        create: 'Stocktake planned',
        start: 'Stocktake started',
        count: 'Count sheet sent',
        recount: 'Recount sheet sent',
        recounts: 'Recounts assigned',
        confirm_zero: 'Zero stock confirmed',
        submit: 'Stocktake submitted',
        approve: 'Stocktake approved',
        reject: 'Stocktake rejected',
      },
      delegation: {
        create: 'Deputy approver named',
        revoke: 'Deputy approver revoked',
      },
      attachment: {
        upload: 'Photo uploaded',
        link: 'Photo linked',
        sweep: 'Unlinked photos removed',
      },
      calendar_event: {
        create: 'Calendar entry added',
        update: 'Calendar entry changed',
        delete: 'Calendar entry removed',
      },
      supplier: {
        create: 'Supplier added',
        update: 'Supplier changed',
      },
      order_plan: {
        create: 'Order plan made',
        line_update: 'Order line changed',
        submit: 'Order plan submitted',
        approve: 'Order plan approved',
        reject: 'Order plan rejected',
        receive: 'Order received',
        delete: 'Order plan discarded',
      },
      order_settings: {
        update: 'Ordering rules changed',
      },
      write_off: {
        create: 'Write-off recorded',
        post: 'Write-off posted (stock out)',
        approve: 'Write-off approved',
        reject: 'Write-off rejected',
      },
      markdown: {
        create: 'Markdown made',
        approve: 'Markdown approved',
        reject: 'Markdown rejected',
      },
      shrink_settings: {
        update: 'Write-off threshold changed',
      },
      markdown_rules: {
        update: 'Markdown rules changed',
      },
      label_layout: {
        update: 'Label barcode layout changed',
      },
      campaign: {
        create: 'Campaign planned',
        update: 'Campaign draft changed',
        publish: 'Campaign published to stores',
        end: 'Campaign ended',
        review: 'Store review of the campaign written',
        revise: 'Published campaign changed (stores told)',
        ack: 'Campaign change seen by the store',
      },
      campaign_task: {
        complete: 'Campaign task done',
        problem: 'Campaign task problem reported',
        answer: 'Campaign task problem answered',
      },
      campaign_promoter: {
        create: 'Promoter assigned to a campaign',
      },
      checklist: {
        create: 'Checklist template added',
        revise: 'Checklist template edited (new version)',
      },
      inspection: {
        create: 'Inspection submitted',
      },
      inspection_schedule: {
        set: 'Inspection schedule set',
      },
      corrective_action: {
        open: 'Corrective action opened',
        complete: 'Corrective action marked done',
        verify: 'Corrective action verified',
        reject: 'Corrective action sent back',
        edit: 'Corrective action reassigned',
      },
      campaign_shift: {
        create: 'Promoter shift recorded',
      },
      meeting: {
        create: 'Team meeting recorded',
      },
      complaint: {
        create: 'Customer complaint recorded',
        step: 'Complaint handling step added',
        resolve: 'Complaint resolved',
        reopen: 'Complaint reopened',
      },
      price_survey: {
        create: 'Competitor price survey recorded',
        promote: 'Price gap turned into an in-store promotion',
      },
      price_change_request: {
        create: 'Price change requested',
        accept: 'Price change request accepted',
        reject: 'Price change request rejected',
      },
    },
    entities: {
      meeting: 'Team meeting',
      calendar_event: 'Holidays and events',
      user: 'User',
      store: 'Store',
      department: 'Department',
      product: 'Product',
      recall: 'Recall',
      feed_import: 'Data upload',
      budget: 'Budget',
      stocktake: 'Stocktake',
      delegation: 'Delegation',
      attachment: 'Photo',
      supplier: 'Supplier',
      order_plan: 'Order plan',
      order_settings: 'Ordering rules',
      write_off: 'Write-off',
      markdown: 'Markdown',
      shrink_settings: 'Shrink settings',
      markdown_rules: 'Markdown rules',
      label_layout: 'Label layout',
      campaign: 'Campaign',
      campaign_task: 'Campaign task',
      campaign_promoter: 'Campaign promoter',
      checklist: 'Checklist template',
      inspection: 'Inspection',
      inspection_schedule: 'Inspection schedule',
      corrective_action: 'Corrective action',
      complaint: 'Customer complaint',
      price_survey: 'Price survey',
      price_change_request: 'Price change request',
    },
  },
}

export default en
