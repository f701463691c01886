/** Package marker; container allow rules and the contact assertion arrive with issue #5. */
export const packageName = '@egress-guard/testcontainers'
