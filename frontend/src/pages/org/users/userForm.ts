// The user form's model, its client-side rules and its conversion to API bodies.
// The server checks the same rules; these only save a round trip.
import type { FormItemRule, FormRules } from 'element-plus'
import type { User, UserCreate, UserUpdate } from '@/api/org'
import type { Role } from '@/api/types'

export interface UserForm {
  username: string
  display_name: string
  role: Role
  store_id: number | null
  department_codes: string[]
  disabled: boolean
  password: string
}

type Translate = (key: string) => string

export const MIN_PASSWORD_LENGTH = 8

export function emptyUserForm(): UserForm {
  return { username: '', display_name: '', role: 'supervisor', store_id: null, department_codes: [], disabled: false, password: '' }
}

export function userFormFrom(user: User): UserForm {
  return {
    username: user.username,
    display_name: user.display_name,
    role: user.role,
    store_id: user.store_id,
    department_codes: [...user.department_codes],
    disabled: user.disabled,
    password: '',
  }
}

export function roleNeedsStore(role: Role): boolean {
  return role === 'supervisor' || role === 'store_manager'
}

export function roleNeedsDepartments(role: Role): boolean {
  return role === 'supervisor'
}

/** Store and departments only for the roles that have them; cleared for the others. */
function scope(form: UserForm): Pick<UserCreate, 'store_id' | 'department_codes'> {
  return {
    store_id: roleNeedsStore(form.role) ? form.store_id : null,
    department_codes: roleNeedsDepartments(form.role) ? [...form.department_codes] : [],
  }
}

export function toUserCreate(form: UserForm): UserCreate {
  return {
    username: form.username.trim(),
    display_name: form.display_name.trim(),
    role: form.role,
    password: form.password,
    ...scope(form),
  }
}

export function toUserUpdate(form: UserForm, version: number): UserUpdate {
  return {
    display_name: form.display_name.trim(),
    role: form.role,
    disabled: form.disabled,
    version,
    ...scope(form),
  }
}

export function userFormRules(form: UserForm, editing: boolean, t: Translate): FormRules {
  const required = (message = t('profile.required')): FormItemRule => ({ required: true, message, trigger: 'blur' })
  const storeRule: FormItemRule = {
    trigger: 'change',
    validator: (_rule, value, callback) =>
      roleNeedsStore(form.role) && value === null ? callback(new Error(t('users.needsStore'))) : callback(),
  }
  const departmentsRule: FormItemRule = {
    trigger: 'change',
    validator: (_rule, value: string[], callback) =>
      roleNeedsDepartments(form.role) && value.length === 0 ? callback(new Error(t('users.needsDepartment'))) : callback(),
  }
  return {
    username: editing ? [] : [required()],
    display_name: [required()],
    store_id: [storeRule],
    department_codes: [departmentsRule],
    password: editing
      ? []
      : [required(), { min: MIN_PASSWORD_LENGTH, message: t('profile.passwordMin'), trigger: 'blur' }],
  }
}
