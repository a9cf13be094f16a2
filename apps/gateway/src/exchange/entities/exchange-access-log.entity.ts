import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One call by a department system to the data exchange (G7, 数据共享交换): who (client id and
 * department), what (route and concrete path, e.g. which enterprise), why (the declared purpose),
 * the outcome and the request id that ties it to the access log and the services' own logs.
 * Written before the data is fetched (status null while in flight), so no access goes unrecorded.
 */
@Entity({ name: 'exchange_access_log' })
@Index('ix_exchange_access_log_client_time', ['clientId', 'createdAt'])
@Index('ix_exchange_access_log_department_time', ['department', 'createdAt'])
export class ExchangeAccessLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  clientId!: string;

  @Column({ type: 'varchar', length: 32 })
  department!: string;

  @Column({ type: 'varchar', length: 8 })
  method!: string;

  /** The route template, e.g. `GET /exchange/enterprises/:uscc`. */
  @Column({ type: 'varchar', length: 100 })
  route!: string;

  /** The concrete path without the query, e.g. `/exchange/enterprises/91120000...`. */
  @Column({ type: 'varchar', length: 300 })
  path!: string;

  @Column({ type: 'varchar', length: 200 })
  purpose!: string;

  /** The HTTP status returned to the caller; null while the call is in flight (or if the gateway died during it). */
  @Column({ type: 'int', nullable: true })
  status!: number | null;

  @Column({ type: 'int', nullable: true })
  durationMs!: number | null;

  @Column({ type: 'varchar', length: 128 })
  requestId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
