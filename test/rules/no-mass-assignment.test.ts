import rule from '../../rules/no-mass-assignment.js';
import { createRuleTester } from '../helpers/eslint.js';

const ruleTester = createRuleTester();

const msg = (source: string, line: number, route: string | null, what: string): string =>
  `Request data (${source}, file.ts:${line}${route ? `, ${route}` : ''}) reaches ${what}: mass assignment. Pick the fields you accept (or validate with a schema that strips unknown keys) before writing.`;

ruleTester.run('no-mass-assignment', rule.eslint!, {
  valid: [
    { code: "app.post('/u', async (req, res) => { await User.create({ name: req.body.name, email: req.body.email }); });", filename: 'file.ts' },
    { code: "app.post('/u', async (req, res) => { const data = schema.parse(req.body); await User.create(data); });", filename: 'file.ts' },
    { code: "app.post('/u', async (req, res) => { const body = userSchema.validateSync(req.body); await User.create(body); });", filename: 'file.ts' },
    { code: "import { Controller, Post, Body } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Post()\n  create(@Body() dto: CreateUserDto) { return this.userRepository.save(dto); }\n}", filename: 'file.ts' },
    { code: "app.post('/u', async (req, res) => { Object.assign({}, req.body); });", filename: 'file.ts' },
    // Validation the shared model recognises (with require-input-validation): a validator word on the receiver,
    // an express-validator list as route middleware, Nest @UsePipes on the handler.
    { code: "app.post('/u', async (req, res) => { if (!ajvSchemas.user(req.body)) return res.sendStatus(400); await User.create(req.body); });", filename: 'file.ts' },
    { code: "import { body } from 'express-validator';\napp.post('/u', [body('name').isString(), body('email').isEmail()], async (req, res) => { await User.create(req.body); });", filename: 'file.ts' },
    { code: "import { Controller, Post, Body, UsePipes } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Post()\n  @UsePipes(new ZodValidationPipe(createUserSchema))\n  create(@Body() body: any) { return this.userRepository.save(body); }\n}", filename: 'file.ts' },
  ],
  invalid: [
    { code: "app.post('/u', async (req, res) => { await User.create(req.body); });", filename: 'file.ts', errors: [{ message: msg("req.body", 1, "POST /u", "User.create()"), line: 1 }] },
    { code: "app.patch('/u/:id', async (req, res) => { await User.findByIdAndUpdate(req.params.id, { ...req.body }); });", filename: 'file.ts', errors: [{ message: msg("req.body", 1, "PATCH /u/:id", "User.findByIdAndUpdate()"), line: 1 }] },
    { code: "app.put('/u/:id', async (req, res) => { const user = await User.findByPk(req.params.id); Object.assign(user, req.body); await user.save(); });", filename: 'file.ts', errors: [{ message: msg("req.body", 1, "PUT /u/:id", "Object.assign()"), line: 1 }] },
    { code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nimport Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.post('/p', async (request) => prisma.post.create({ data: request.body }));", filename: 'file.ts', errors: [{ message: msg("request.body", 5, "POST /p", "post.create()"), line: 5 }] },
    { code: "import { Controller, Post, Body } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Post()\n  create(@Body() body: any) { return this.userRepository.save(body); }\n}", filename: 'file.ts', errors: [{ message: msg("@Body() body", 5, "POST /users", "userRepository.save()"), line: 5 }] },
    { code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/h', async (c) => { const body = await c.req.json(); return c.json(await db.insert(body)); });", filename: 'file.ts', errors: [{ message: msg("c.req.json()", 3, "POST /h", "db.insert()"), line: 3 }] },
  ],
});
