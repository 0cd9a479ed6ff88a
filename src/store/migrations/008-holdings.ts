// Version 8: indexes for reading a register member by member.
// - share_movements_holdings: a project's movements in member and class order, with the columns
//   the per-member sums read (date, units, whether a cancelled contribution made them). A plan's
//   sums and the share register are read off it in the order they are grouped: no table look-up a
//   movement and no sort of 100,000 groups.
// - members_not_active: the few members whose status is not 正常, which a plan checks its holders
//   against, without reading the whole roll.
export const sql = `
CREATE INDEX share_movements_holdings ON share_movements(project, member, share_class, date, units, contribution_id);
CREATE INDEX members_not_active ON members(id) WHERE status <> '正常';
`;
