/** Test data: customers and their orders, with a foreign key the mapping turns into a relationship. */
import pg from 'pg'

export const customers = [
  { id: 1, name: 'Ada', email: 'ada@example.test' },
  { id: 2, name: 'Grace', email: 'grace@example.test' },
  { id: 3, name: 'Edsger', email: 'edsger@example.test' },
]

export const orders = [
  { id: 10, customer_id: 1, total: '12.50' },
  { id: 11, customer_id: 1, total: '7.00' },
  { id: 12, customer_id: 2, total: '99.95' },
]

export async function seedShop(connectionString: string): Promise<void> {
  const db = new pg.Client({ connectionString })
  await db.connect()
  try {
    await db.query(`
      DROP TABLE IF EXISTS orders; DROP TABLE IF EXISTS customers;
      CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL);
      CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers(id), total numeric(10,2));`)
    for (const c of customers)
      await db.query('INSERT INTO customers VALUES ($1, $2, $3)', [c.id, c.name, c.email])
    for (const o of orders)
      await db.query('INSERT INTO orders VALUES ($1, $2, $3)', [o.id, o.customer_id, o.total])
  } finally {
    await db.end()
  }
}
