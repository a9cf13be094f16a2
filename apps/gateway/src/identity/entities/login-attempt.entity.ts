import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Consecutive failed logins per (lower-cased) username, whether or not such a user exists: an
 * unknown name locks exactly like a real one, so the lockout cannot be used to discover accounts.
 * The row goes away on a successful login.
 */
@Entity('login_attempt')
export class LoginAttemptEntity {
  @PrimaryColumn('text')
  username!: string;

  @Column('int')
  failures!: number;

  @Column('timestamptz', { nullable: true })
  lockedUntil!: Date | null;

  @Column('timestamptz')
  updatedAt!: Date;
}
