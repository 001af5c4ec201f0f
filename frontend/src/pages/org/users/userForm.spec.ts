import { describe, expect, it } from 'vitest'
import { emptyUserForm, toUserCreate, toUserUpdate, userFormFrom } from './userForm'
import type { User } from '@/api/org'

const supervisor: User = {
  id: 9,
  username: 'super2',
  display_name: '李主管',
  role: 'supervisor',
  store_id: 2,
  department_codes: ['produce'],
  disabled: false,
  version: 4,
  last_login_at: null,
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
}

describe('user form conversion', () => {
  it('creates a supervisor with store and departments', () => {
    const form = { ...emptyUserForm(), username: ' super3 ', display_name: '张三', store_id: 1, department_codes: ['meat'], password: 'secret123' }
    expect(toUserCreate(form)).toEqual({
      username: 'super3',
      display_name: '张三',
      role: 'supervisor',
      password: 'secret123',
      store_id: 1,
      department_codes: ['meat'],
    })
  })

  it('clears store and departments for HQ and admins', () => {
    const form = { ...userFormFrom(supervisor), role: 'hq_promotions' as const }
    expect(toUserUpdate(form, 4)).toEqual({
      display_name: '李主管',
      role: 'hq_promotions',
      disabled: false,
      version: 4,
      store_id: null,
      department_codes: [],
    })
  })

  it('keeps the store but no departments for a store manager', () => {
    const form = { ...userFormFrom(supervisor), role: 'store_manager' as const }
    expect(toUserUpdate(form, 4)).toMatchObject({ store_id: 2, department_codes: [] })
  })

  it('copies departments rather than sharing the array', () => {
    const form = userFormFrom(supervisor)
    form.department_codes.push('meat')
    expect(supervisor.department_codes).toEqual(['produce'])
  })
})
