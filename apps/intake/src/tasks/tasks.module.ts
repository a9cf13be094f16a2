import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { DepartmentController } from './department.controller';
import { TaskEntity } from './entities/task.entity';
import { ActiveQueueIndex1764140000000 } from './migrations/1764140000000-active-queue-index';
import { TasksInit1764040000000 } from './migrations/1764040000000-tasks-init';
import { TaskConsumer } from './task.consumer';
import { TaskRepository } from './task.repository';
import { TaskAssignmentRepository } from './task-assignment.repository';
import { TaskService } from './task.service';
import { TasksController } from './tasks.controller';

export const taskEntities = [TaskEntity];
export const taskMigrations = [TasksInit1764040000000, ActiveQueueIndex1764140000000];

/** The back office (A6, 接办分离): department queues fed by the application events, review and decision. */
@Module({
  imports: [ApplicationsModule],
  controllers: [TasksController, DepartmentController],
  providers: [TaskRepository, TaskAssignmentRepository, TaskService, TaskConsumer],
  exports: [TaskService, TaskConsumer],
})
export class TasksModule {}
