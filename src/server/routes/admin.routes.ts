import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adminContractSchema,
  adminOrganizationListSchema,
  adminOrganizationSchema,
  adminUserListSchema,
  adminUserSchema,
  createContractBodySchema,
  createOrganizationBodySchema,
  createServiceBodySchema,
  createUserBodySchema,
  organizationSearchQuerySchema,
  serviceListSchema,
  updateContractBodySchema,
  updateOrganizationBodySchema,
  updateUserBodySchema,
  userSearchQuerySchema,
} from '../../shared/contracts/admin';
import { idParamsSchema } from '../../shared/contracts/common';
import { serviceSchema } from '../../shared/contracts/organizations';
import type { AppContext } from '../context';
import { actorOf, requireRole } from '../plugins/auth';
import {
  blockUser,
  createContract,
  createOrganization,
  createResponsiblePerson,
  createService,
  listOrganizationsForOperator,
  listServicesForOperator,
  listUsersForOperator,
  reinviteUser,
  unblockUser,
  updateContract,
  updateOrganization,
  updateUser,
} from '../services/admin.service';

const tags = ['back office (operator)'];

export const adminRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // onRequest, before the body and parameters are validated: a ВО learns nothing about these
  // routes, not even which input they expect (404 for any request, valid or not).
  app.addHook('onRequest', requireRole('operator'));

  // --- Organizations and contracts ---

  app.get(
    '/admin/organizations',
    {
      schema: {
        tags,
        summary: 'Організації з договорами (пошук за назвою або ЄДРПОУ)',
        querystring: organizationSearchQuerySchema,
        response: { 200: adminOrganizationListSchema },
      },
    },
    async (request) => ({ items: await listOrganizationsForOperator(ctx, request.query) }),
  );

  app.post(
    '/admin/organizations',
    {
      schema: { tags, summary: 'Додати організацію', body: createOrganizationBodySchema, response: { 201: adminOrganizationSchema } },
    },
    async (request, reply) => reply.code(201).send(await createOrganization(ctx, actorOf(request), request.body)),
  );

  app.put(
    '/admin/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Змінити назву організації (ЄДРПОУ не змінюється)',
        params: idParamsSchema,
        body: updateOrganizationBodySchema,
        response: { 200: adminOrganizationSchema },
      },
    },
    async (request) => updateOrganization(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/admin/organizations/:id/contracts',
    {
      schema: {
        tags,
        summary: 'Додати договір організації',
        params: idParamsSchema,
        body: createContractBodySchema,
        response: { 201: adminContractSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createContract(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.put(
    '/admin/contracts/:id',
    {
      schema: {
        tags,
        summary: 'Змінити договір (кількість — не менше вже поданих запитів)',
        params: idParamsSchema,
        body: updateContractBodySchema,
        response: { 200: adminContractSchema },
      },
    },
    async (request) => updateContract(ctx, actorOf(request), request.params.id, request.body),
  );

  // --- Services ---

  app.get(
    '/admin/services',
    { schema: { tags, summary: 'Послуги та строк дії їхніх сертифікатів', response: { 200: serviceListSchema } } },
    async () => ({ items: await listServicesForOperator(ctx) }),
  );

  app.post(
    '/admin/services',
    { schema: { tags, summary: 'Додати послугу', body: createServiceBodySchema, response: { 201: serviceSchema } } },
    async (request, reply) => reply.code(201).send(await createService(ctx, actorOf(request), request.body)),
  );

  // --- ВО accounts ---

  app.get(
    '/admin/users',
    {
      schema: {
        tags,
        summary: 'Облікові записи (пошук за ПІБ, телефоном, email; фільтр за організацією)',
        querystring: userSearchQuerySchema,
        response: { 200: adminUserListSchema },
      },
    },
    async (request) => ({ items: await listUsersForOperator(ctx, request.query) }),
  );

  app.post(
    '/admin/users',
    {
      schema: {
        tags,
        summary: 'Створити відповідальну особу й надіслати запрошення на email',
        body: createUserBodySchema,
        response: { 201: adminUserSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createResponsiblePerson(ctx, actorOf(request), request.body)),
  );

  app.put(
    '/admin/users/:id',
    {
      schema: {
        tags,
        summary: 'Змінити email, ПІБ та організації відповідальної особи',
        params: idParamsSchema,
        body: updateUserBodySchema,
        response: { 200: adminUserSchema },
      },
    },
    async (request) => updateUser(ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/admin/users/:id/invite',
    {
      schema: {
        tags,
        summary: 'Надіслати нове запрошення (попередні посилання перестають діяти)',
        params: idParamsSchema,
        response: { 200: adminUserSchema },
      },
    },
    async (request) => reinviteUser(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/admin/users/:id/block',
    {
      schema: {
        tags,
        summary: 'Заблокувати обліковий запис (сеанси завершуються)',
        params: idParamsSchema,
        response: { 200: adminUserSchema },
      },
    },
    async (request) => blockUser(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/admin/users/:id/unblock',
    { schema: { tags, summary: 'Розблокувати обліковий запис', params: idParamsSchema, response: { 200: adminUserSchema } } },
    async (request) => unblockUser(ctx, actorOf(request), request.params.id),
  );
};
