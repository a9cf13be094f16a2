import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { ActiveQueueIndex1764140000000 } from './migrations/1764140000000-active-queue-index';
import { TasksInit1764040000000 } from './migrations/1764040000000-tasks-init';
import { TaskConsumer } from './task-consumer';
import { TaskRow } from './task.entity';
import { TaskService } from './task.service';
import { DepartmentController, TasksController } from './tasks.controller';

export const taskEntities = [TaskRow];
export const taskMigrations = [TasksInit1764040000000, ActiveQueueIndex1764140000000];

/** The back office (A6, 接办分离): department queues fed by the application events, review and decision. */
@Module({
  imports: [ApplicationsModule],
  controllers: [TasksController, DepartmentController],
  providers: [TaskService, TaskConsumer],
  exports: [TaskService, TaskConsumer],
})
export class TasksModule {}
